import { describe, expect, it } from 'vitest';
import type { QAItem } from '../types';
import { questionPhotos } from './originals';

const item = (id: string, image: string[]) => ({ id, image }) as unknown as QAItem;

describe('questionPhotos', () => {
  it('each photo the records name once, under images/, the ones not at hand listed', () => {
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 1]);
    const r = questionPhotos([item('a', ['room.jpg']), item('b', ['room.jpg']), item('c', ['room.jpg', 'view2.jpg'])], new Map([['room.jpg', photo]]));
    expect(Object.keys(r.files)).toEqual(['images/room.jpg']);
    expect(r.files['images/room.jpg']).toBe(photo);
    expect(r.missing).toEqual(['view2.jpg']);
  });

  it('names cannot leave images/', () => {
    const r = questionPhotos([item('a', ['../../etc/x.jpg', 'a/./b.jpg'])], new Map([['../../etc/x.jpg', new Uint8Array([1])], ['a/./b.jpg', new Uint8Array([2])]]));
    expect(Object.keys(r.files)).toEqual(['images/etc/x.jpg', 'images/a/b.jpg']);
  });

  it('a photo named __proto__ is a file like any other', () => {
    const r = questionPhotos([item('a', ['__proto__'])], new Map([['__proto__', new Uint8Array([7])]]));
    expect(Object.keys(r.files)).toEqual(['images/__proto__']);
    expect(r.files['images/__proto__']).toEqual(new Uint8Array([7]));
  });
});
