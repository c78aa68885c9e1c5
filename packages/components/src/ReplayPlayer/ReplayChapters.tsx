import { Image, Text, View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { formatPrice as defaultFormatPrice } from '../shared/format';
import { safeImageSrc } from '../shared/safe-src';
import { DEFAULT_REPLAY_LABELS, formatShowTime, type ReplayLabels } from './labels';
import { useReplay, useReplayContext } from './useReplay';
import '../theme/tokens.css';
import './ReplayPlayer.css';

export interface ReplayChaptersProps {
  labels?: Partial<Pick<ReplayLabels, 'chapters' | 'playFrom' | 'current'>>;
  formatPrice?: (cents: number) => string;
  /** Called after a chapter was chosen (e.g. to close a sheet). */
  onSelect?: (at: number) => void;
  className?: string;
  style?: CSSProperties;
}

/**
 * The goods the host explained, in show order, each with its time into the show: tapping one
 * seeks the replay there (video, chat and explaining card). The chapter at the playhead is marked.
 */
export function ReplayChapters(props: ReplayChaptersProps) {
  const labels = { ...DEFAULT_REPLAY_LABELS, ...props.labels };
  const formatPrice = props.formatPrice ?? defaultFormatPrice;
  const { seekTo } = useReplayContext();
  const chapters = useReplay((s) => s.chapters);
  const current = useReplay((s) => s.chapterIndex);
  const start = useReplay((s) => s.info?.startedAt ?? (s.segments[0] ? s.segments[0].startedAt : 0));
  if (chapters.length === 0) return null;
  return (
    <View className={cx('ls-chapters', props.className)} style={props.style} role="list" aria-label={labels.chapters}>
      {chapters.map((c, i) => {
        const time = formatShowTime(c.at - start);
        const image = safeImageSrc(c.image);
        const on = i === current;
        const meta = `${time}${c.price !== undefined ? ` · ${formatPrice(c.price)}` : ''}${on ? ` · ${labels.current}` : ''}`;
        return (
          <View key={`${c.goodsID}-${c.at}`} role="listitem" className="ls-chapters__item">
            <View
              className={cx('ls-chapter', on && 'ls-chapter--current')}
              data-goods={c.goodsID}
              data-current={on ? 'true' : 'false'}
              {...pressable(
                `${c.title} ${meta} ${labels.playFrom}`,
                () => {
                  seekTo(c.at);
                  props.onSelect?.(c.at);
                },
                { pressed: on },
              )}
            >
              {image ? (
                <Image className="ls-chapter__image" src={image} mode="aspectFill" nativeProps={{ alt: '' }} />
              ) : null}
              <View className="ls-chapter__text">
                <Text className="ls-chapter__title">{c.title}</Text>
                {/* A space between the two lines, so the text reads "title time" (as the name does), not "titletime". */}{' '}
                <Text className="ls-chapter__meta">{meta}</Text>
              </View>
            </View>
          </View>
        );
      })}
    </View>
  );
}
