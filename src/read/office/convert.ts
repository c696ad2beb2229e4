/**
 * Legacy binary Office files (.doc, .wps, .xls, .et) are converted by LibreOffice headless to
 * DOCX / XLSX, then read like those. Each conversion gets a private profile directory, so several
 * can run at once (LibreOffice refuses a second instance on a shared profile).
 */
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GongkaiError } from '../../model/errors.js';
import { runProcess } from '../../util/process.js';
import { makeTempDir } from '../../util/tempDir.js';

const INSTALL_HINT =
  'install LibreOffice (Debian: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui) or set ' +
  'GONGKAI_SOFFICE to its soffice';

function sofficePath(): string {
  return process.env.GONGKAI_SOFFICE || 'soffice';
}

export async function convertWithLibreOffice(
  bytes: Uint8Array,
  from: 'doc' | 'xls',
  to: 'docx' | 'xlsx',
  timeoutMs = 120_000,
): Promise<Uint8Array> {
  const dir = await makeTempDir('lo');
  try {
    const input = path.join(dir, `in.${from}`);
    const outDir = path.join(dir, 'out');
    await writeFile(input, bytes);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', to];
    await runProcess(sofficePath(), [...args, '--outdir', outDir, input], {
      timeoutMs,
      maxBuffer: 4 * 2 ** 20,
      missing: () =>
        new GongkaiError(
          'converter-missing',
          `a legacy ${from.toUpperCase()} file needs LibreOffice to convert it: ${INSTALL_HINT}`,
        ),
      timedOut: () => new GongkaiError('timeout', `LibreOffice did not convert the file within ${timeoutMs / 1000} s`),
      failed: (detail) => new GongkaiError('corrupt', `LibreOffice could not convert the file (${detail})`),
    });
    const produced = (await readdir(outDir).catch(() => [])).filter((f) => f.endsWith(`.${to}`));
    if (!produced.length)
      throw new GongkaiError(
        'corrupt',
        `LibreOffice produced no ${to.toUpperCase()} (the file may be damaged or not a ${from.toUpperCase()})`,
      );
    return new Uint8Array(await readFile(path.join(outDir, produced[0])));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
