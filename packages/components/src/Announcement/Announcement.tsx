import { Text, View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import { useRoom } from '../hooks/useRoom';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { useControllableState } from '../shared/use-controllable-state';
import '../theme/tokens.css';
import './Announcement.css';

export interface AnnouncementLabels {
  title: string;
  more: string;
  less: string;
}

export const DEFAULT_ANNOUNCEMENT_LABELS: AnnouncementLabels = {
  title: 'Announcement',
  more: 'More',
  less: 'Less',
};

export interface AnnouncementProps {
  expanded?: boolean;
  defaultExpanded?: boolean;
  onExpandedChange?: (expanded: boolean) => void;
  /** Texts longer than this (characters) get a More/Less toggle. Default 30. */
  collapseAfter?: number;
  labels?: Partial<AnnouncementLabels>;
  className?: string;
  style?: CSSProperties;
}

/** The room's announcement (the group notification the host sets), one line until expanded. */
export function Announcement(props: AnnouncementProps) {
  const { className, style, collapseAfter = 30 } = props;
  const labels = { ...DEFAULT_ANNOUNCEMENT_LABELS, ...props.labels };
  const text = useRoom((s) => s.announcement.trim());
  const [expanded, setExpanded] = useControllableState(
    props.expanded,
    props.defaultExpanded ?? false,
    props.onExpandedChange,
  );
  let length = 0;
  for (const _ of text) length++;
  const long = length > collapseAfter;
  const state = !text ? 'empty' : expanded && long ? 'expanded' : 'collapsed';

  return (
    <View className={cx('ls-announcement', `ls-announcement--${state}`, className)} style={style} data-state={state}>
      {text ? (
        <View className="ls-announcement__box" {...{ role: 'note', 'aria-label': labels.title }}>
          <View className="ls-announcement__icon" />
          <Text className="ls-announcement__text">{text}</Text>
          {long ? (
            <View
              className="ls-announcement__toggle"
              {...pressable(expanded ? labels.less : labels.more, () => setExpanded(!expanded), { expanded })}
            >
              {expanded ? labels.less : labels.more}
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
