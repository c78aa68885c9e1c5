import { DanmakuList, LikeButton, LiveRoomProvider, useRoom, useRoomStore } from '@livesell/components';
import { TIM_TYPES, type TimCustomPayload } from '@livesell/core';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  type BenchPhase,
  type BenchResult,
  formatResult,
  type LiveSellBenchApi,
  type SentRecord,
  statsSince,
} from '../../bench/bench-api';
import { type FloodPlan, type FloodRun, parseFloodPlan, parseWarmup, startFlood } from '../../bench/flood-driver';
import { FLOOD_ROOM, type FloodSession, useFloodSession } from '../../bench/flood-session';
import { NaiveChatList } from '../../bench/naive-chat-list';
import './index.css';

/** Time after the last batch for the store's last commit (a frame on H5, 50 ms on weapp). */
const DRAIN_MS = 200;

// Mini programs have no global `performance`.
const now = () => (typeof performance === 'object' ? performance.now() : Date.now());

declare global {
  interface Window {
    __livesellBench?: LiveSellBenchApi;
  }
}

function Viewers() {
  const viewers = useRoom((s) => s.viewerCount);
  return <Text className="bench-viewers">{viewers} watching</Text>;
}

function sentRecords(session: FloodSession): SentRecord[] {
  return session.tim.sent.map(({ at, message }) => {
    const custom = message.type === TIM_TYPES.MSG_CUSTOM ? (message.payload as TimCustomPayload) : undefined;
    return {
      at,
      kind: custom ? custom.data : 'TEXT',
      priority: String(message.priority),
      description: custom?.description ?? '',
    };
  });
}

interface ControlsProps {
  plan: FloodPlan;
  warmup: FloodPlan | null;
  session: FloodSession;
  autostart: boolean;
  joined: boolean;
  phase: BenchPhase;
  setPhase: (phase: BenchPhase) => void;
}

/** Runs floods through the simulated SDK and reads the counters once the store has drained. */
function FloodControls({ plan, warmup, session, autostart, joined, phase, setPhase }: ControlsProps) {
  const store = useRoomStore();
  const [result, setResult] = useState<BenchResult | null>(null);
  const run = useRef<FloodRun | null>(null);
  const nextIndex = useRef(0);
  const phaseRef = useRef(phase);
  phaseRef.current = phase;

  const flood = useCallback(
    (which: FloodPlan, onDone: (r: BenchResult) => void) => {
      const tlsBefore = session.liveSell.stats();
      const storeBefore = store.getState().stats;
      const startedAt = Date.now();
      let lastBatchAt = startedAt;
      let maxDeliverMs = 0;
      const current = startFlood(which, { roomID: FLOOD_ROOM.roomID, firstIndex: nextIndex.current }, (batch) => {
        lastBatchAt = Date.now();
        const t0 = now();
        session.tim.deliver(batch);
        maxDeliverMs = Math.max(maxDeliverMs, now() - t0);
      });
      run.current = current;
      current.finished.then((delivered) => {
        nextIndex.current += delivered;
        setTimeout(() => {
          if (run.current !== current) return;
          const tls = session.liveSell.stats();
          onDone({
            plan: which,
            delivered,
            floodMs: lastBatchAt - startedAt,
            maxDeliverMs,
            liveSell: { received: tls.received - tlsBefore.received, dropped: tls.dropped - tlsBefore.dropped },
            store: statsSince(storeBefore, store.getState().stats),
          });
        }, DRAIN_MS);
      });
    },
    [session, store],
  );

  const start = useCallback((): boolean => {
    if (phaseRef.current !== 'ready' && phaseRef.current !== 'done') return false;
    phaseRef.current = 'running';
    setPhase('running');
    setResult(null);
    flood(plan, (r) => {
      setResult(r);
      setPhase('done');
    });
    return true;
  }, [flood, plan, setPhase]);

  useEffect(() => () => run.current?.stop(), []);

  useEffect(() => {
    if (!joined || phaseRef.current !== 'loading') return;
    if (!warmup) {
      setPhase('ready');
      return;
    }
    setPhase('warming');
    flood(warmup, () => setPhase('ready'));
  }, [joined, warmup, flood, setPhase]);

  useEffect(() => {
    if (autostart && phase === 'ready') start();
  }, [autostart, phase, start]);

  const latest = useRef({ phase, result, start });
  latest.current = { phase, result, start };
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    window.__livesellBench = {
      get phase() {
        return latest.current.phase;
      },
      start: () => latest.current.start(),
      result: () => latest.current.result,
      sent: () => sentRecords(session),
    };
    return () => {
      window.__livesellBench = undefined;
    };
  }, [session]);

  const total = plan.burst + Math.round(plan.rate * plan.seconds);
  return (
    <View className="bench-controls">
      <Text className="bench-plan">
        {plan.burst ? `burst ${plan.burst} + ` : ''}
        {plan.rate} msgs/s × {plan.seconds} s = {total} messages
      </Text>
      <Button className="bench-start" disabled={phase !== 'ready' && phase !== 'done'} onClick={() => start()}>
        {phase === 'running' ? 'Flooding…' : 'Start flood'}
      </Button>
      {result ? <Text className="bench-result">{formatResult(result)}</Text> : null}
    </View>
  );
}

/**
 * Flood bench: a real `TIMLiveSell`, room store, `DanmakuList` and `LikeButton` fed by a SIMULATED TIM layer
 * that delivers `MESSAGE_RECEIVED` batches: `?rate=` msgs/s for `?seconds=`, after an optional
 * `?burst=` of messages in one batch (`?tick=` ms between batches, `?warmup=` messages first,
 * `?autostart=1`). The benchmarks in `bench/` drive it in Chromium and in the weapp harness.
 * `?list=naive` shows the baseline list of `pnpm bench compare` (see bench/naive-chat-list) in
 * place of `DanmakuList`; the rest of the page is the same.
 */
export default function BenchPage() {
  const { params } = useRouter();
  const query = JSON.stringify(params);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query's content, not the object's identity
  const plan = useMemo(() => parseFloodPlan(params), [query]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const warmup = useMemo(() => parseWarmup(params), [query]);
  const session = useFloodSession();
  const [joined, setJoined] = useState(false);
  const [phase, setPhase] = useState<BenchPhase>('loading');
  const [error, setError] = useState('');
  const naive = params.list === 'naive';

  return (
    <View className="bench-page" data-state={phase} data-list={naive ? 'naive' : 'danmaku'}>
      <Text className="bench-title">Flood bench · simulated IM, real TIMLiveSell + store + components</Text>
      {error ? <Text className="bench-error">{error}</Text> : null}
      {session ? (
        <LiveRoomProvider
          liveSell={session.liveSell}
          autoJoin
          onJoin={() => setJoined(true)}
          onError={(e) => {
            setError(e.message);
            setPhase('error');
          }}
        >
          <Viewers />
          <View className="bench-stage">
            {naive ? (
              <NaiveChatList className="bench-danmaku" liveSell={session.liveSell} />
            ) : (
              <DanmakuList className="bench-danmaku" showInput={false} />
            )}
            <LikeButton className="bench-like" />
          </View>
          <FloodControls
            plan={plan}
            warmup={warmup}
            session={session}
            autostart={params.autostart === '1'}
            joined={joined}
            phase={phase}
            setPhase={setPhase}
          />
        </LiveRoomProvider>
      ) : null}
    </View>
  );
}
