import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';

export default function RoomPage() {
  const { params } = useRouter();
  return (
    <View className="demo-room">
      <Text className="demo-title">Room {params.roomID ?? ''}</Text>
    </View>
  );
}
