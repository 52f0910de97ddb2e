/** `text` cut to at most `max` characters, its last one an ellipsis when cut: GitHub refuses longer fields. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
