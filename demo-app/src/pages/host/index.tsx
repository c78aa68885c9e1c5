import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';

export default function HostPage() {
  const { params } = useRouter();
  return (
    <View className="demo-host-console">
      <Text className="demo-title">Host console {params.roomID ?? ''}</Text>
    </View>
  );
}
