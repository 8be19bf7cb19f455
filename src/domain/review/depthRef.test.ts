import { describe, expect, it } from 'vitest';
import { depthPathFor } from './depthRef';

// the README record's own paths
const item = { image: ['scene0261_00/image_color/543.jpg'], depth: ['scene0261_00/image_depth/543.png'] };

describe('the depth map a SPAR-7M item names, found beside its stored image', () => {
  it('takes the root the image was found under', () => {
    expect(depthPathFor(item, 0, 'spar7m/scannet/images/scene0261_00/image_color/543.jpg')).toBe('spar7m/scannet/images/scene0261_00/image_depth/543.png');
    expect(depthPathFor(item, 0, 'scene0261_00/image_color/543.jpg')).toBe('scene0261_00/image_depth/543.png');
    expect(depthPathFor({ image: ['a\\b.jpg'], depth: ['./d/b.png'] }, 0, 'x/a/b.jpg')).toBe('x/d/b.png');
  });

  it('is null without a depth for that image, or when the stored path is not the reference', () => {
    expect(depthPathFor({ image: item.image }, 0, 'scene0261_00/image_color/543.jpg')).toBeNull();
    expect(depthPathFor(item, 1, 'scene0261_00/image_color/543.jpg')).toBeNull();
    // found by file name only (another folder): no telling where its depth map is
    expect(depthPathFor(item, 0, 'elsewhere/543.jpg')).toBeNull();
    expect(depthPathFor({ image: item.image, depth: ['../../etc/543.png'] }, 0, 'r/scene0261_00/image_color/543.jpg')).toBeNull();
  });
});
