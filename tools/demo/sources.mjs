// What the demo's components and seams contain: a provider package
// @acme/schema (the user record every service shares) and two consumers,
// @acme/users (signs requests with the user's token) and @acme/billing
// (invoices the user's email).

export const people = {
  ada: { name: 'Ada Okafor', email: 'ada@acme.example' },
  bo: { name: 'Bo Lindqvist', email: 'bo@acme.example' },
  priya: { name: 'Priya Raman', email: 'priya@acme.example' },
  sam: { name: 'Sam Ortiz', email: 'sam@acme.example' },
};

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

const sample = {
  id: "'u-1001'",
  name: "'Grace Hopper'",
  token: "'tk_9f2c41'",
  accessToken: "'tk_9f2c41'",
  email: "'grace@example.com'",
  createdAt: "'2026-01-15T08:00:00Z'",
  locale: "'en-US'",
};

export const schema = {
  packageJson: (version) => json({ name: '@acme/schema', version, main: 'index.js', license: 'UNLICENSED' }),
  index: (fields) =>
    [
      '// @acme/schema: the user record every Acme service shares.',
      `exports.userFields = [${fields.map((f) => `'${f}'`).join(', ')}];`,
      '',
      '/** A user record as the users service stores it. */',
      `exports.sampleUser = () => ({ ${fields.map((f) => `${f}: ${sample[f]}`).join(', ')} });`,
      '',
    ].join('\n'),
  readme: (extra = '') => `# @acme/schema\n\nThe user record every Acme service shares: \`userFields\` and \`sampleUser()\`.\n${extra}`,
};

const consumerPackage = (name, schemaRange) =>
  json({ name, version: '1.0.0', main: 'index.js', license: 'UNLICENSED', dependencies: { '@acme/schema': schemaRange } });

export const users = {
  packageJson: (schemaRange) => consumerPackage('@acme/users', schemaRange),
  index: (tokenField, { displayName = false } = {}) =>
    [
      "const { userFields } = require('@acme/schema');",
      '',
      '/** The Authorization header of a request made for a user record of @acme/schema. */',
      'exports.authHeader = (user) => {',
      `  if (!user.${tokenField}) throw new Error(\`users: user \${user.id} has no ${tokenField} (schema fields: \${userFields.join(', ')})\`);`,
      `  return \`Bearer \${user.${tokenField}}\`;`,
      '};',
      ...(displayName ? ['', '/** The name shown in the account menu. */', 'exports.displayName = (user) => user.name.trim();'] : []),
      '',
    ].join('\n'),
  readme: (extra = '') => `# @acme/users\n\nSigns every request with the user's token.\n${extra}`,
};

export const billing = {
  packageJson: (schemaRange) => consumerPackage('@acme/billing', schemaRange),
  index: ({ cents = false } = {}) =>
    [
      "const { userFields } = require('@acme/schema');",
      '',
      "/** Who receives a user's invoices. */",
      'exports.invoiceRecipient = (user) => {',
      "  if (!user.email) throw new Error(`billing: user ${user.id} has no email (schema fields: ${userFields.join(', ')})`);",
      '  return `${user.name} <${user.email}>`;',
      '};',
      ...(cents ? ['', '/** Invoice totals are rounded to whole cents. */', 'exports.roundTotal = (amount) => Math.round(amount * 100) / 100;'] : []),
      '',
    ].join('\n'),
};

/** The spec of the jest seam users-schema (the generator's starter, replaced by the contract check). */
export const usersSchemaSpec = `import { component } from '@seamline/nx/testing';
import { sampleUser } from '@acme/schema';
import { authHeader } from '@acme/users';

// Seam users-schema: users signs every request with the token of the user record
// that @acme/schema defines. Both packages resolve to the checkouts this run pins.
describe('users-schema', () => {
  it('users signs a request for a user record of @acme/schema', () => {
    const header = authHeader(sampleUser());
    expect(header).toMatch(/^Bearer \\S+$/);
    console.log(\`users@\${component('users').sha.slice(0, 12)} with schema@\${component('schema').sha.slice(0, 12)}: \${header}\`);
  });
});
`;

/** The command seam billing-schema: any command works as a seam; this one is plain node. */
export const billingSchemaSeam = {
  'seams/billing-schema/seam.yaml': `# Seam billing-schema: billing invoices the email of the user record of @acme/schema.
components: [billing, schema]
subsets: [pr_fast]
ring: 1
catches: billing invoices the email field of the schema user record; a schema without it breaks every invoice
command: [node, check.js]
`,
  'seams/billing-schema/check.js': `// @acme/schema and @acme/billing resolve to the checkouts this run pins (the npm renderer).
const assert = require('node:assert');
const { sampleUser } = require('@acme/schema');
const { invoiceRecipient } = require('@acme/billing');

const recipient = invoiceRecipient(sampleUser());
assert.match(recipient, /^.+ <[^@\\s]+@[^>\\s]+>$/);
console.log(\`billing invoices \${recipient}\`);
`,
};
