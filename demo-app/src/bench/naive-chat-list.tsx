import type { MessagePayload, TIMLiveSell } from '@livesell/core';
import { ScrollView, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import './naive-chat-list.css';

/** Rows the naive list keeps, as most chat lists do. */
export const NAIVE_KEEP = 200;

interface ChatItem {
  id: string;
  nick: string;
  text: string;
}

/**
 * THE BASELINE of `pnpm bench compare`, not part of the kit: a chat list written the way Taro's
 * docs and most apps write one — a state array, appended to on every message and trimmed to the
 * last 200, rendered with `map` inside a `ScrollView` that scrolls the newest row into view. It
 * reads the same decoded `MESSAGE` events of the same `TIMLiveSell` as `DanmakuList` does
 * through the room store, so the two lists differ only in how they render.
 */
export function NaiveChatList({ liveSell, className }: { liveSell: TIMLiveSell; className?: string }) {
  const [messages, setMessages] = useState<ChatItem[]>([]);

  useEffect(
    () =>
      liveSell.on('MESSAGE', (m: MessagePayload) => {
        const item = { id: m.messageID, nick: m.nick || m.userID, text: m.message };
        setMessages((list) => [...list, item].slice(-NAIVE_KEEP));
      }),
    [liveSell],
  );

  const newest = messages[messages.length - 1];
  return (
    <ScrollView className={`naive-chat ${className ?? ''}`} scrollY scrollIntoView={newest ? `naive-${newest.id}` : ''}>
      {messages.map((m) => (
        <View key={m.id} id={`naive-${m.id}`} className="naive-chat__row">
          <Text className="naive-chat__nick">{m.nick}</Text>
          <Text className="naive-chat__text">{m.text}</Text>
        </View>
      ))}
    </ScrollView>
  );
}
