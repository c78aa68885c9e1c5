/**
 * Resolves when ICE gathering completes — WHIP and WHEP send every candidate in one POST — or
 * after `ms` (host candidates on a LAN gather in milliseconds; a slow STUN server must not block).
 */
export function iceGathered(pc: RTCPeerConnection, ms: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    }
    function check() {
      if (pc.iceGatheringState === 'complete') done();
    }
    pc.addEventListener('icegatheringstatechange', check);
  });
}

/** Sends an SDP offer to a WHIP/WHEP endpoint; returns the answer and the session URL to DELETE. */
export async function exchangeSdp(
  url: string,
  offer: string,
): Promise<{ status: number; answer?: string; location?: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: offer });
  if (!res.ok) return { status: res.status };
  const header = res.headers.get('location');
  return {
    status: res.status,
    answer: await res.text(),
    location: header ? new URL(header, url).toString() : undefined,
  };
}
