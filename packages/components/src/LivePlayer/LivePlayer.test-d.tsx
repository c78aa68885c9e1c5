import { createRef } from 'react';
import { LivePusher, type LivePusherHandle } from '../LivePusher/LivePusher';
import { LivePlayer, type LivePlayerHandle } from './LivePlayer';

const player = createRef<LivePlayerHandle>();
<LivePlayer
  ref={player}
  playUrl="https://x/live/s.flv"
  mode="RTC"
  objectFit="fillCrop"
  onPlayEvent={(e) => e.code + 1}
/>;
// @ts-expect-error the live-room plugin's modes only
<LivePlayer mode="vod" />;
// @ts-expect-error objectFit is contain or fillCrop
<LivePlayer objectFit="cover" />;
// @ts-expect-error a play event's detail is a string
<LivePlayer onPlayEvent={(e) => e.detail.toFixed()} />;
<LivePlayer onError={(e) => e.error.code === 'MEDIA'} />;
void player.current?.requestFullScreen({ direction: 90 });
// @ts-expect-error WeChat's directions are 0, 90 and −90
void player.current?.requestFullScreen({ direction: 180 });

const pusher = createRef<LivePusherHandle>();
<LivePusher
  ref={pusher}
  mode="FHD"
  aspect="3:4"
  devicePosition="back"
  onBgmProgress={(e) => e.duration - e.progress}
/>;
// @ts-expect-error pusher modes are SD, HD, FHD, RTC
<LivePusher mode="4K" />;
void pusher.current?.setBGMVolume({ volume: '0.5' });
void pusher.current?.playBGM({ url: 'https://x/a.mp3' });
// @ts-expect-error playBGM needs a URL
void pusher.current?.playBGM({});
