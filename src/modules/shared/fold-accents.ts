/** Lower case without accents, for comparing what people type: "Liège" = "liege", "ÖSHZ" = "oshz". */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
