// A drag handle that resizes the pane before it (width or height, in px, kept in a CSS variable).

import { useRef } from 'react';

interface Props {
  direction: 'columns' | 'rows';
  /** The CSS custom property the size is written to, on the parent element. */
  variable: string;
  min: number;
  label: string;
}

export function Splitter({ direction, variable, min, label }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const onPointerDown = (ev: React.PointerEvent) => {
    const handle = ref.current;
    const parent = handle?.parentElement;
    const before = handle?.previousElementSibling as HTMLElement | null;
    if (!handle || !parent || !before) return;
    ev.preventDefault();
    handle.setPointerCapture(ev.pointerId);
    const box = parent.getBoundingClientRect();
    const start = before.getBoundingClientRect();
    const move = (e: PointerEvent) => {
      const size = direction === 'columns' ? e.clientX - start.left : e.clientY - start.top;
      const limit = (direction === 'columns' ? box.width : box.height) - min;
      parent.style.setProperty(variable, `${Math.round(Math.max(min, Math.min(limit, size)))}px`);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  return (
    <div
      ref={ref}
      className={`splitter ${direction}`}
      role="separator"
      aria-orientation={direction === 'columns' ? 'vertical' : 'horizontal'}
      aria-label={label}
      onPointerDown={onPointerDown}
    />
  );
}
