import * as THREE from 'three';

/** A camera-facing text label drawn on a canvas (no font download: system sans-serif). */
export function textSprite(text: string, heightWorld: number, colour = '#e8eef6', background = 'rgba(12,16,22,0.75)'): THREE.Sprite {
  const pad = 8, fontPx = 40;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  ctx.font = `${fontPx}px system-ui, sans-serif`;
  const w = Math.ceil(ctx.measureText(text).width) + pad * 2;
  canvas.width = w;
  canvas.height = fontPx + pad * 2;
  ctx.font = `${fontPx}px system-ui, sans-serif`;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = colour;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, pad, canvas.height / 2);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  const sprite = new THREE.Sprite(new THREE.SpriteMaterial({ map: texture, depthTest: false, transparent: true }));
  sprite.scale.set((heightWorld * canvas.width) / canvas.height, heightWorld, 1);
  sprite.renderOrder = 10;
  return sprite;
}
