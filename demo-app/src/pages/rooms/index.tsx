import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

export default function RoomsPage() {
  return (
    <View className="demo-rooms">
      <Text className="demo-title">Live rooms</Text>
      <Button className="demo-enter" onClick={() => Taro.navigateTo({ url: '/pages/room/index?roomID=demo-room' })}>
        Enter demo room
      </Button>
      <Button className="demo-host" onClick={() => Taro.navigateTo({ url: '/pages/host/index?roomID=demo-room' })}>
        Host console
      </Button>
    </View>
  );
}
