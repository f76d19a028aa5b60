/** Type checking runs once in `tsc -p tsconfig.test.json` (scripts/test.sh); jest only transpiles, which keeps the suite fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true, diagnostics: false }],
  },
  // README examples import the package by name, as users do.
  moduleNameMapper: { '^cdk8s-webstack$': '<rootDir>/lib/index.ts' },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  testTimeout: 60000,
};
