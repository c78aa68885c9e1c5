import { LiveStatusBadge, SubscribeButton } from '@livesell/components';
import { buildLiveRoomUrl } from '@livesell/core/wx-live';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pressable } from '../../../services/pressable';
import '../index.css';
import './index.css';
import { hasReminder, saveReminder } from '../reminders';
import { type DemoRoom, useRooms } from '../use-wx-rooms';

/** weapp: WeChat's own room page (live-player-plugin); H5 has no plugin, so the kit's room page. */
function watch(room: DemoRoom) {
  if (process.env.TARO_ENV === 'weapp') {
    Taro.navigateTo({ url: buildLiveRoomUrl({ roomId: room.roomid, customParams: { from: 'demo-list' } }) });
  } else if (room.group_id) {
    Taro.navigateTo({ url: `/live/room/index?roomID=${encodeURIComponent(room.group_id)}` });
  }
}

/**
 * The subpackage that declares live-player-plugin: rooms with WeChat's subscribe component (a
 * reminder button on H5) and links into the plugin's room page.
 */
export default function WeChatRoomsPage() {
  const rooms = useRooms();
  return (
    <View className="demo-rooms demo-wx-rooms">
      <View className="demo-rooms__hero">
        <Text className="demo-title">WeChat live rooms</Text>
        <Text className="demo-rooms__lede">Rooms run by WeChat's live-player-plugin: set a reminder, or watch.</Text>
      </View>
      {rooms.status === 'loading' ? <Text className="demo-rooms-note">Loading rooms…</Text> : null}
      {rooms.status === 'error' ? <Text className="demo-rooms-note demo-rooms-error">{rooms.message}</Text> : null}
      {rooms.status === 'ready' ? (
        <View className="demo-room-list">
          {rooms.rooms.map((room) => (
            <View key={room.roomid} className="demo-room-row demo-wx-room">
              <View className="demo-room-info">
                <Text className="demo-room-name">{room.name}</Text>
                <View className="demo-wx-actions">
                  <LiveStatusBadge status={room.status} />
                  <SubscribeButton
                    roomId={room.roomid}
                    defaultSubscribed={hasReminder(room.roomid)}
                    onSubscribe={saveReminder}
                  />
                </View>
              </View>
              <View className="demo-watch" {...pressable(() => watch(room), { label: `Watch ${room.name}` })}>
                Watch
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
