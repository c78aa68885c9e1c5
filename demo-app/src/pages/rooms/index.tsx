import { LiveStatusBadge } from '@livesell/components';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { avatarFor } from '../../services/identity';
import { pressable } from '../../services/pressable';
import './index.css';
import { type DemoRoom, useRooms } from './use-wx-rooms';

function openRoom(room: DemoRoom) {
  if (room.group_id) Taro.navigateTo({ url: `/live/room/index?roomID=${encodeURIComponent(room.group_id)}` });
}

function openReplay(room: DemoRoom) {
  if (room.group_id) Taro.navigateTo({ url: `/live/replay/index?roomID=${encodeURIComponent(room.group_id)}` });
}

/** An ended room (WeChat's 103) with a recording offers its replay. */
const hasReplay = (room: DemoRoom) => room.replayCount > 0 && (room.status === 103 || room.live_status === 103);

const go = (url: string) => () => Taro.navigateTo({ url });

export default function RoomsPage() {
  const rooms = useRooms();
  return (
    <View className="demo-rooms">
      <View className="demo-rooms__hero">
        <Text className="demo-title">Live rooms</Text>
        <Text className="demo-rooms__lede">Watch, chat and shop — on WeChat and in the browser, from one page.</Text>
      </View>
      {rooms.status === 'loading' ? <Text className="demo-rooms-note">Loading rooms…</Text> : null}
      {rooms.status === 'error' ? <Text className="demo-rooms-note demo-rooms-error">{rooms.message}</Text> : null}
      {rooms.status === 'ready' && rooms.rooms.length === 0 ? (
        <Text className="demo-rooms-note">No rooms yet.</Text>
      ) : null}
      {rooms.status === 'ready' ? (
        <View className="demo-room-list">
          {rooms.rooms.map((room) => (
            <View key={room.roomid} className="demo-room-item">
              <View className="demo-room-row" {...pressable(() => openRoom(room), { role: 'link' })}>
                <Image
                  className="demo-room-avatar"
                  src={room.anchor_img || avatarFor(room.anchor_name, room.anchor_name)}
                  mode="aspectFill"
                  nativeProps={{ alt: `${room.anchor_name}'s avatar` }}
                />
                <View className="demo-room-info">
                  <Text className="demo-room-name">{room.name}</Text>
                  <Text className="demo-room-anchor">{room.anchor_name}</Text>
                </View>
                <LiveStatusBadge status={room.status} />
              </View>
              {hasReplay(room) ? (
                <View
                  className="demo-replay-link"
                  data-room={room.group_id}
                  {...pressable(() => openReplay(room), { role: 'link', label: `Watch replay: ${room.name}` })}
                >
                  ▶ Watch replay
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
      <View className="demo-rooms__actions">
        <View className="demo-action demo-enter" {...pressable(go('/live/room/index?roomID=demo-room'))}>
          Enter demo room
        </View>
        <View className="demo-action demo-host" {...pressable(go('/live/host/index?roomID=demo-room'))}>
          Host console
        </View>
        <View className="demo-action demo-wechat-rooms" {...pressable(go('/pages/rooms/wechat/index'))}>
          WeChat live rooms
        </View>
      </View>
    </View>
  );
}
