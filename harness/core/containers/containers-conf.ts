// The /etc/containers/containers.conf settings rootful Podman needs on these machines (DESIGN.md):
// runc, cgroupfs (no systemd), a file events log (no journald), and ulimits high enough for a JVM.
// Edited in place, key by key, so an administrator's other settings stay as they are.

export const REQUIRED_SETTINGS: ReadonlyArray<{ section: string; key: string; value: string }> = [
  { section: 'containers', key: 'default_ulimits', value: '["nofile=20000:20000", "nproc=32768:32768"]' },
  { section: 'engine', key: 'runtime', value: '"runc"' },
  { section: 'engine', key: 'cgroup_manager', value: '"cgroupfs"' },
  { section: 'engine', key: 'events_logger', value: '"file"' },
];

export interface ConfEdit {
  text: string;
  /** What was added, as `section.key`. */
  added: string[];
  /** Keys present with another value: left alone, reported. */
  differing: string[];
}

const normalise = (v: string) => v.replace(/\s+/g, '').replace(/'/g, '"');

/** Adds each missing key to its section (making the section when absent). */
export function applySettings(original: string): ConfEdit {
  const lines = original.split('\n');
  const added: string[] = [];
  const differing: string[] = [];
  for (const s of REQUIRED_SETTINGS) {
    let sectionAt = -1;
    let sectionEnd = lines.length;
    for (let i = 0; i < lines.length; i++) {
      const m = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(lines[i]!);
      if (!m) continue;
      if (sectionAt >= 0) {
        sectionEnd = i;
        break;
      }
      if (m[1]!.trim() === s.section) sectionAt = i;
    }
    if (sectionAt < 0) {
      if (lines.length && lines[lines.length - 1] !== '') lines.push('');
      lines.push(`[${s.section}]`, `${s.key} = ${s.value}`);
      added.push(`${s.section}.${s.key}`);
      continue;
    }
    const keyRe = new RegExp(`^\\s*${s.key}\\s*=\\s*(.*?)\\s*(#.*)?$`);
    let found = false;
    for (let i = sectionAt + 1; i < sectionEnd; i++) {
      const m = keyRe.exec(lines[i]!);
      if (!m) continue;
      found = true;
      if (normalise(m[1]!) !== normalise(s.value)) differing.push(`${s.section}.${s.key} = ${m[1]} (wanted ${s.value})`);
    }
    if (!found) {
      lines.splice(sectionAt + 1, 0, `${s.key} = ${s.value}`);
      added.push(`${s.section}.${s.key}`);
    }
  }
  return { text: lines.join('\n').replace(/\n*$/, '\n'), added, differing };
}
