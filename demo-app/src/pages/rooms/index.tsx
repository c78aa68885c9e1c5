import { LiveStatusBadge } from '@livesell/components';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './index.css';
import { type DemoRoom, useRooms } from './use-wx-rooms';

function openRoom(room: DemoRoom) {
  if (room.group_id) Taro.navigateTo({ url: `/pages/room/index?roomID=${encodeURIComponent(room.group_id)}` });
}

export default function RoomsPage() {
  const rooms = useRooms();
  return (
    <View className="demo-rooms">
      <Text className="demo-title">Live rooms</Text>
      {rooms.status === 'loading' ? <Text className="demo-rooms-note">Loading rooms…</Text> : null}
      {rooms.status === 'error' ? <Text className="demo-rooms-note demo-rooms-error">{rooms.message}</Text> : null}
      {rooms.status === 'ready' && rooms.rooms.length === 0 ? (
        <Text className="demo-rooms-note">No rooms yet.</Text>
      ) : null}
      {rooms.status === 'ready' ? (
        <View className="demo-room-list">
          {rooms.rooms.map((room) => (
            <View
              key={room.roomid}
              className="demo-room-row"
              role="link"
              aria-label={`Open ${room.name}`}
              onClick={() => openRoom(room)}
            >
              <View className="demo-room-info">
                <Text className="demo-room-name">{room.name}</Text>
                <Text className="demo-room-anchor">{room.anchor_name}</Text>
              </View>
              <LiveStatusBadge status={room.status} />
            </View>
          ))}
        </View>
      ) : null}
      <Button className="demo-enter" onClick={() => Taro.navigateTo({ url: '/pages/room/index?roomID=demo-room' })}>
        Enter demo room
      </Button>
      <Button className="demo-host" onClick={() => Taro.navigateTo({ url: '/pages/host/index?roomID=demo-room' })}>
        Host console
      </Button>
      <Button className="demo-wechat-rooms" onClick={() => Taro.navigateTo({ url: '/pages/rooms/wechat/index' })}>
        WeChat live rooms
      </Button>
    </View>
  );
}
