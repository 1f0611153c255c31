// A signature drawn with a finger or a mouse on a canvas; gives a PNG data URL (transparent
// background) or null while empty.
import { useEffect, useRef, useState } from 'react';
import { Button, Flex } from 'antd';
import { useT } from '../../../app/i18n.js';

export function SignaturePad(props: { onChange: (png: string | null) => void; height?: number; testId?: string }) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);
  const inked = useRef(false);
  const height = props.height ?? 160;

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    c.width = c.clientWidth * ratio;
    c.height = height * ratio;
    const ctx = c.getContext('2d');
    if (ctx) {
      ctx.scale(ratio, ratio);
      ctx.lineWidth = 2.4;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#0b1f4d';
    }
  }, [height]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    last.current = point(e);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current || !last.current) return;
    const ctx = e.currentTarget.getContext('2d');
    const p = point(e);
    if (ctx) {
      ctx.beginPath();
      ctx.moveTo(last.current.x, last.current.y);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
    }
    last.current = p;
    if (!inked.current) {
      inked.current = true;
      setEmpty(false);
    }
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    last.current = null;
    if (inked.current && canvas.current) props.onChange(canvas.current.toDataURL('image/png'));
  };
  const clear = () => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    inked.current = false;
    setEmpty(true);
    props.onChange(null);
  };

  return (
    <Flex vertical gap={6}>
      <canvas ref={canvas} data-testid={props.testId} onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerLeave={up}
        style={{ width: '100%', height, border: '1px dashed #999', borderRadius: 8, background: '#fff', touchAction: 'none', cursor: 'crosshair' }} />
      <Flex justify="space-between">
        <span style={{ color: '#999', fontSize: 12 }}>{empty ? t('inspections.sign.hint') : ''}</span>
        <Button size="small" onClick={clear}>{t('inspections.sign.clear')}</Button>
      </Flex>
    </Flex>
  );
}
