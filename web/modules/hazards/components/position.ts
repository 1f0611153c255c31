// The device's position (GPS), asked for when the user acts.
import { useState } from 'react';

export function usePosition() {
  const [busy, setBusy] = useState(false);
  const get = () =>
    new Promise<{ lng: number; lat: number; accuracy: number }>((resolve, reject) => {
      if (!navigator.geolocation) {
        reject(new Error('no geolocation'));
        return;
      }
      setBusy(true);
      navigator.geolocation.getCurrentPosition(
        (p) => {
          setBusy(false);
          resolve({ lng: Math.round(p.coords.longitude * 1e7) / 1e7, lat: Math.round(p.coords.latitude * 1e7) / 1e7, accuracy: p.coords.accuracy });
        },
        (e) => {
          setBusy(false);
          reject(new Error(e.message));
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 },
      );
    });
  return { busy, get };
}
