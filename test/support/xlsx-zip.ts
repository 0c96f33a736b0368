import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';

/** Zips built by hand for hostile-file tests: parts added to a real workbook, sizes that lie, bombs. */
export type ZipPart = { name: string; data: Buffer; store?: boolean; declaredSize?: number };

/** A minimal zip writer: deflated or stored entries, central directory, end record. */
export function zip(files: ZipPart[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const body = file.store ? file.data : deflateRawSync(file.data);
    const method = file.store ? 0 : 8;
    const crc = crc32(file.data);
    const size = file.declaredSize ?? file.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(header, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** Every part of a zip, unpacked. */
export async function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  const archive = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false });
  const files = new Map<string, Buffer>();
  for await (const entry of archive.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of await archive.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    files.set(entry.fileName, Buffer.concat(chunks));
  }
  archive.close();
  return files;
}

/** Unzips a workbook, lets `edit` change its parts, zips it again (`store` for parts that must not deflate). */
export async function rezip(buffer: Buffer, edit: (files: Map<string, Buffer>) => void, store: (name: string) => boolean = () => false): Promise<Buffer> {
  const files = await unzip(buffer);
  edit(files);
  return zip([...files].map(([name, data]) => ({ name, data, store: store(name) })));
}

/** A part's text. */
export function text(files: Map<string, Buffer>, name: string): string {
  const data = files.get(name);
  if (!data) throw new Error(`no part ${name}`);
  return data.toString('utf8');
}

/** Adds a content-type override for a part. */
export function override(files: Map<string, Buffer>, partName: string, contentType: string): void {
  files.set(
    '[Content_Types].xml',
    Buffer.from(text(files, '[Content_Types].xml').replace('</Types>', `<Override PartName="/${partName}" ContentType="${contentType}"/></Types>`)),
  );
}

/** Adds a relationship to a .rels part (created when missing). */
export function relate(files: Map<string, Buffer>, relsName: string, type: string, target: string, external = false): void {
  const xml = files.has(relsName)
    ? text(files, relsName)
    : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const rel = `<Relationship Id="rIdX${Math.floor(Math.random() * 1e9)}" Type="${type}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`;
  files.set(relsName, Buffer.from(xml.replace('</Relationships>', `${rel}</Relationships>`)));
}

/** A workbook made with exceljs. */
export async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Deterministic pseudo-random text that deflate cannot shrink much (a hostile file under the ratio limit). */
export function noise(length: number, seed = 1): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += alphabet[(x >>> 0) % alphabet.length];
  }
  return out;
}
