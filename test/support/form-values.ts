/** The values of the form posting to `action` in a page, as a browser would post them (inputs, checked boxes, selected options, text areas). */
export function formValues(html: string, action: string): Record<string, string> {
  const form = new RegExp(`<form[^>]*action="${action.replace(/[/?]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
  if (!form) throw new Error(`No form posting to ${action}`);
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], decode(m[2])]));
  const values: Record<string, string> = {};
  for (const m of form[1].matchAll(/<input\b([^>]*)>/g)) {
    const a = attrs(m[1]);
    if (!a.name || ['submit', 'button', 'file', 'reset'].includes(a.type ?? '')) continue;
    if ((a.type === 'checkbox' || a.type === 'radio') && !/\bchecked\b/.test(m[1])) continue;
    values[a.name] = a.value ?? '';
  }
  for (const m of form[1].matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const a = attrs(m[1]);
    const selected = /<option[^>]*value="([^"]*)"[^>]*\bselected\b/.exec(m[2]) ?? /<option[^>]*value="([^"]*)"/.exec(m[2]);
    if (a.name) values[a.name] = decode(selected?.[1] ?? '');
  }
  for (const m of form[1].matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const a = attrs(m[1]);
    if (a.name) values[a.name] = decode(m[2]);
  }
  return values;
}
