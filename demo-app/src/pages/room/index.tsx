import { EVENT, type TIMLiveSell } from '@livesell/core';
import { Button, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { useDemoRoom } from '../../hooks/useDemoRoom';
import './index.css';

interface Row {
  id: string;
  nick: string;
  text: string;
}

function Chat({ liveSell }: { liveSell: TIMLiveSell }) {
  const [rows, setRows] = useState<Row[]>([]);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  useEffect(
    () =>
      liveSell.on(EVENT.MESSAGE, (e) =>
        setRows((r) => [...r.slice(-49), { id: e.messageID, nick: e.nick || e.userID, text: e.message }]),
      ),
    [liveSell],
  );
  const send = async () => {
    const text = draft.trim();
    if (!text) return;
    try {
      const sent = await liveSell.sendMessage(text);
      setRows((r) => [...r.slice(-49), { id: sent.messageID, nick: sent.nick || 'me', text: sent.message }]);
      setDraft('');
      setError('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <View className="demo-chat">
      <View className="demo-danmaku">
        {rows.map((r) => (
          <View key={r.id} className="demo-danmaku-row">
            <Text className="demo-danmaku-nick">{r.nick}: </Text>
            <Text className="demo-danmaku-text">{r.text}</Text>
          </View>
        ))}
      </View>
      {error ? <Text className="demo-error">{error}</Text> : null}
      <View className="demo-compose">
        <Input
          className="demo-input"
          value={draft}
          maxlength={100}
          placeholder="Say something…"
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={send}
        />
        <Button className="demo-send" onClick={send}>
          Send
        </Button>
      </View>
    </View>
  );
}

export default function RoomPage() {
  const { params } = useRouter();
  const roomID = params.roomID || 'demo-room';
  const room = useDemoRoom(roomID, 'viewer', { userID: params.userID, nick: params.nick });
  return (
    <View className="demo-room" data-state={room.status}>
      <Text className="demo-title">Room {roomID}</Text>
      {room.status === 'connecting' ? <Text className="demo-status">Connecting…</Text> : null}
      {room.status === 'error' ? <Text className="demo-status demo-error">{room.message}</Text> : null}
      {room.status === 'ready' ? (
        <>
          <Text className="demo-host-name">{room.joined.groupInfo.ownerInfo.nick}</Text>
          <Chat liveSell={room.liveSell} />
        </>
      ) : null}
    </View>
  );
}
