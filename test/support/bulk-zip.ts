import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A zip writer for the bulk-upload tests, able to write what real tools write and what attackers write: stored or
 * deflated entries, sizes and checksums that lie, encrypted flags, Unix symlinks and folders, data deflated
 * beforehand (a bomb). Entries go to a sink as they are added, so a large zip can be written to a file without
 * holding it in memory (the central directory, small, is kept).
 */
export interface BulkZipEntry {
  name: string;
  data?: Buffer;
  store?: boolean;
  /** already deflated data, with the unpacked size and CRC it stands for */
  packed?: { data: Buffer; size: number; crc: number };
  declaredSize?: number;
  encrypted?: boolean;
  /** a compression method to announce instead (e.g. 12, bzip2), over stored data */
  method?: number;
  /** Unix mode (e.g. 0o120777 for a symlink, 0o040755 for a folder), written as a Unix-made entry */
  unixMode?: number;
}

export class ZipWriter {
  private offset = 0;
  private readonly central: Buffer[] = [];
  private count = 0;
  private readonly headers: Array<{ header: Buffer; nameLength: number }> = [];

  constructor(private readonly sink: (chunk: Buffer) => void) {}

  add(entry: BulkZipEntry): void {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.data ?? Buffer.alloc(0);
    const method = entry.method ?? (entry.packed || !entry.store ? 8 : 0);
    const body = entry.packed ? entry.packed.data : entry.store || entry.method !== undefined ? data : deflateRawSync(data);
    const crc = entry.packed ? entry.packed.crc : crc32(data);
    const size = entry.declaredSize ?? (entry.packed ? entry.packed.size : data.length);
    const flags = 0x0800 | (entry.encrypted ? 0x0001 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(entry.unixMode === undefined ? 20 : (3 << 8) | 20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(entry.unixMode === undefined ? 0 : (entry.unixMode << 16) >>> 0, 38);
    header.writeUInt32LE(this.offset, 42);
    this.sink(Buffer.concat([local, name]));
    this.sink(body);
    this.central.push(header, name);
    this.headers.push({ header, nameLength: name.length });
    this.offset += 30 + name.length + body.length;
    this.count++;
  }

  /**
   * A second directory record for the data of an earlier entry, under another name: overlapping entries, the way a
   * "non-recursive" zip bomb makes many files out of one compressed kernel.
   */
  alias(name: string, index: number): void {
    const header = Buffer.from(this.headers[index].header);
    const encoded = Buffer.from(name, 'utf8');
    header.writeUInt16LE(encoded.length, 28);
    this.central.push(header, encoded);
    this.count++;
  }

  finish(): void {
    const directory = Buffer.concat(this.central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.count, 8);
    end.writeUInt16LE(this.count, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(this.offset, 16);
    this.sink(directory);
    this.sink(end);
  }
}

/** A zip in memory. */
export function bulkZip(entries: BulkZipEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const writer = new ZipWriter((chunk) => chunks.push(chunk));
  for (const entry of entries) writer.add(entry);
  writer.finish();
  return Buffer.concat(chunks);
}

/** A zip written to a file entry by entry (`entries` may be a generator), never whole in memory. */
export function writeBulkZipFile(path: string, entries: Iterable<BulkZipEntry>): void {
  const fd = openSync(path, 'w');
  try {
    const writer = new ZipWriter((chunk) => writeSync(fd, chunk));
    for (const entry of entries) writer.add(entry);
    writer.finish();
  } finally {
    closeSync(fd);
  }
}

/** A tiny PDF-looking file (the content check is faked in the tests); `extra` makes each one different. */
export function fakePdf(extra = '', javascript = false): Buffer {
  return Buffer.from(
    `%PDF-1.7\n1 0 obj << /Type /Catalog ${javascript ? '/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ' : ''}>> endobj\n% ${extra}\n%%EOF\n`,
  );
}

/** A manifest with the standard header, `;` between fields, rows given as cell arrays. */
export function manifestCsv(rows: string[][], options: { separator?: ';' | ','; bom?: boolean } = {}): Buffer {
  const separator = options.separator ?? ';';
  const header = [
    'row_reference',
    'recipient_kbo',
    'message_type',
    'legislation',
    'period',
    'subject_nl',
    'subject_fr',
    'subject_de',
    'main_file',
    'attachments',
  ];
  const quote = (cell: string) => (cell.includes(separator) || cell.includes('"') || /[\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const text = [header, ...rows].map((row) => row.map(quote).join(separator)).join('\r\n');
  return Buffer.from(`${options.bom ? '\uFEFF' : ''}${text}\r\n`, 'utf8');
}
