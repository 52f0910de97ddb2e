import type { RunResults } from './results';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML, one testcase per seam that ran, for CI test reporters. */
export function junitXml(results: RunResults): string {
  const failures = results.seams.filter((s) => s.verdict === 'fail' && !s.quarantined).length;
  const skipped = results.seams.filter((s) => s.verdict === 'fail' && s.quarantined).length;
  const cases = results.seams.map((s) => {
    const open = `    <testcase classname="seamline.${xml(results.subset)}" name="${xml(s.seam)}" time="${s.duration_s}">`;
    if (s.verdict === 'fail' && s.quarantined) return `${open}\n      <skipped message="quarantined seam failed; see ${xml(s.log)}"/>\n    </testcase>`;
    if (s.verdict === 'fail')
      return `${open}\n      <failure message="seam ${xml(s.seam)} failed after ${s.attempts} attempt(s); log: ${xml(s.log)}"/>\n    </testcase>`;
    if (s.verdict === 'flaky') return `${open}\n      <system-out>flaky: passed on attempt ${s.attempts}</system-out>\n    </testcase>`;
    return `${open}</testcase>`;
  });
  const errors = results.prepare_failure ? 1 : 0;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="seamline ${xml(results.run_id)}" tests="${results.seams.length}" failures="${failures}" errors="${errors}">`,
    `  <testsuite name="${xml(results.subset)}" tests="${results.seams.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${results.seams_duration_s}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
