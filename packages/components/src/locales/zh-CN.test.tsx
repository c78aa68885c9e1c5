import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DanmakuList } from '../DanmakuList/DanmakuList';
import { DEFAULT_ERROR_MESSAGES } from '../shared/error-message';
import { createTestRoom, incoming } from '../shared/testing/room';
import { formatNoticeZh, ZH_CN } from './zh-CN';

afterEach(cleanup);

describe('zh-CN labels', () => {
  it('cover every error code the default messages cover', () => {
    expect(Object.keys(ZH_CN.errors).sort()).toEqual(Object.keys(DEFAULT_ERROR_MESSAGES).sort());
  });

  it('render in a component through its labels prop', async () => {
    const room = await createTestRoom();
    room.render(<DanmakuList labels={ZH_CN.danmaku} />);
    expect(screen.getByRole('button', { name: '发送' })).toBeTruthy();
    room.deliver(incoming.text('alice', '你好'));
    expect(screen.getByRole('log', { name: '直播聊天' }).textContent).toContain('你好');
  });

  it('formats join bursts the Chinese way', () => {
    const users = [
      { userID: 'a', nick: '小王', avatar: '' },
      { userID: 'b', nick: '小李', avatar: '' },
    ];
    expect(formatNoticeZh({ key: '1', kind: 'join', users, others: 37, startedAt: 0, updatedAt: 0 })).toBe(
      '小王、小李 等 39 人来了',
    );
    expect(
      formatNoticeZh({ key: '2', kind: 'follow', users: users.slice(0, 1), others: 0, startedAt: 0, updatedAt: 0 }),
    ).toBe('小王关注了主播');
  });
});
