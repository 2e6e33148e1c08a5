// The Debian mirror this machine's apt already uses, so debootstrap fetches from the same place
// (the only Debian archive reachable here may be a local or snapshot mirror).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const FALLBACK_MIRROR = 'http://deb.debian.org/debian';

/** First URI serving `suite` (not a -security/-updates suite) in one-line or deb822 sources. */
export function mirrorFromSources(files: Array<{ name: string; text: string }>, suite: string): string | undefined {
  for (const f of files) {
    if (f.name.endsWith('.sources')) {
      for (const stanza of f.text.split(/\n\s*\n/)) {
        const field = (k: string) => new RegExp(`^${k}:\\s*(.+)$`, 'mi').exec(stanza)?.[1]?.trim();
        if (/^Enabled:\s*no/im.test(stanza)) continue;
        const types = field('Types')?.split(/\s+/) ?? [];
        const suites = field('Suites')?.split(/\s+/) ?? [];
        const uri = field('URIs')?.split(/\s+/)[0];
        if (uri && types.includes('deb') && suites.includes(suite)) return uri.replace(/\/$/, '');
      }
    } else {
      for (const line of f.text.split('\n')) {
        // deb [options] URI suite components...
        const m = /^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line);
        if (m && m[2] === suite) return m[1]!.replace(/\/$/, '');
      }
    }
  }
  return undefined;
}

export async function configuredMirror(suite: string): Promise<string> {
  const files: Array<{ name: string; text: string }> = [];
  const read = async (path: string) => {
    try {
      files.push({ name: path, text: await readFile(path, 'utf8') });
    } catch {
      /* absent */
    }
  };
  await read('/etc/apt/sources.list');
  try {
    for (const n of (await readdir('/etc/apt/sources.list.d')).sort()) if (n.endsWith('.list') || n.endsWith('.sources')) await read(join('/etc/apt/sources.list.d', n));
  } catch {
    /* no directory */
  }
  return mirrorFromSources(files, suite) ?? FALLBACK_MIRROR;
}
