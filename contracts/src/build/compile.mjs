// Compiles the contracts with solc-js through its standard-JSON API (the solcjs command line
// cannot set evmVersion) and writes one JSON file per contract: {contract, abi, bin, compiler}.
// Usage: node compile.mjs SOURCE_DIR OUT_DIR EVM_VERSION
import fs from 'node:fs';
import path from 'node:path';
import solc from 'solc';

const [sourceDir, outDir, evmVersion] = process.argv.slice(2);
if (!sourceDir || !outDir || !evmVersion) {
  console.error('usage: node compile.mjs SOURCE_DIR OUT_DIR EVM_VERSION');
  process.exit(2);
}
const sources = {};
for (const name of fs.readdirSync(sourceDir).filter((n) => n.endsWith('.sol')).sort()) {
  sources[name] = { content: fs.readFileSync(path.join(sourceDir, name), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion,
    optimizer: { enabled: true, runs: 200 },
    // Reproducible bytecode: no metadata hash of the source paths appended.
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = output.errors ?? [];
for (const p of problems) console.error(p.formattedMessage);
// Warnings fail the build too: the contract is small enough to keep clean.
if (problems.length > 0) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, c] of Object.entries(contracts)) {
    const out = {
      contract: name,
      source: file,
      compiler: { solc: solc.version(), evmVersion },
      abi: c.abi,
      bin: c.evm.bytecode.object,
      runtimeBin: c.evm.deployedBytecode.object,
    };
    fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify(out, null, 2) + '\n');
    console.log(`compiled ${name} (${c.evm.deployedBytecode.object.length / 2} bytes, ${evmVersion})`);
  }
}
