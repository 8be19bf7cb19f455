/** A stable, distinct colour per category (golden-angle hues), for boxes in 2D and 3D. */
export function categoryColour(category: string): string {
  let h = 0;
  for (let i = 0; i < category.length; i++) h = (h * 31 + category.charCodeAt(i)) >>> 0;
  return `hsl(${Math.round((h * 137.508) % 360)}, 80%, 60%)`;
}
