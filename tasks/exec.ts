/**
 * Executive committee tasks: a thin CLI over scripts/lib/executive.ts.
 * Only hardhat/config is imported at top level: the config loads every tasks/*.ts before typechain exists, so the
 * library (which imports typechain types) is loaded lazily inside each action.
 *
 *   npx hardhat exec:attest   --account 0x.. --subject kyc-123 [--days 365] [--issuer 1] [--out att.json]
 *   npx hardhat exec:enroll   --attestation att.json | --worldid proof.json [--from 2]
 *   npx hardhat exec:status   0x..
 *   npx hardhat exec:spend    --to 0x.. --amount 0.1 [--token 0x..] --purpose "hosting" [--from 2]
 *   npx hardhat exec:spend    --approve 3 | --execute 3 [--from 2]
 *   npx hardhat exec:resources
 *
 * Addresses come from deployments/<network>.json (contracts.ExecutiveRegistry, contracts.AttestationVerifier,
 * contracts.WorldIDVerifier) or from --registry / --verifier.
 */
import { task, types } from "hardhat/config";

task("exec:attest", "Sign a personhood attestation as an approved issuer (writes the JSON a human enrols with)")
  .addParam("account", "The human's account")
  .addParam("subject", "The issuer's identifier of the human (hashed into the nullifier)")
  .addOptionalParam("days", "Days the attestation (and the verification) stays valid", 365, types.int)
  .addOptionalParam("issuer", "Signer index of the issuer (or set ISSUER_PRIVATE_KEY)", 1, types.int)
  .addOptionalParam("scope", "Issuer scope for nullifiers (one per issuer program)", "bytomdao-issuer")
  .addOptionalParam("registry", "ExecutiveRegistry address (the consumer)")
  .addOptionalParam("verifier", "AttestationVerifier address")
  .addOptionalParam("out", "Write the attestation JSON here (default: stdout)")
  .setAction(async (args, hre) => {
    const lib = await import("../scripts/lib/executive");
    const fs = await import("node:fs");
    const registry = lib.resolveAddress("ExecutiveRegistry", args.registry, hre.network.name);
    const verifier = lib.resolveAddress("AttestationVerifier", args.verifier, hre.network.name);
    const issuer = process.env.ISSUER_PRIVATE_KEY
      ? new hre.ethers.Wallet(process.env.ISSUER_PRIVATE_KEY, hre.ethers.provider)
      : (await hre.ethers.getSigners())[args.issuer];
    const block = await hre.ethers.provider.getBlock("latest");
    const signed = await lib.signAttestation(issuer, verifier, {
      account: args.account,
      nullifier: lib.issuerNullifier(args.scope, args.subject),
      expiry: BigInt(block!.timestamp) + BigInt(args.days) * 86400n,
      consumer: registry,
    });
    const json = lib.attestationToJson(signed);
    if (args.out) {
      fs.writeFileSync(args.out, json);
      console.log(
        `attestation for ${args.account} written to ${args.out}; enrol with: exec:enroll --attestation ${args.out}`,
      );
    } else {
      console.log(json);
    }
  });

task("exec:enroll", "Enrol (or re-verify, or rotate to) the signer as a verified human")
  .addOptionalParam("attestation", "Attestation JSON file signed by an approved issuer (exec:attest)")
  .addOptionalParam("worldid", "World ID proof JSON file: {root|merkle_root, nullifierHash|nullifier_hash, proof}")
  .addOptionalParam("from", "Signer index of the human", 0, types.int)
  .addOptionalParam("registry", "ExecutiveRegistry address")
  .addOptionalParam("verifier", "Verifier address (AttestationVerifier or WorldIDVerifier)")
  .setAction(async (args, hre) => {
    const lib = await import("../scripts/lib/executive");
    const fs = await import("node:fs");
    if (!args.attestation === !args.worldid) {
      throw new Error("Pass exactly one of --attestation <file> (from an issuer, see exec:attest) or --worldid <file>");
    }
    const file = args.attestation ?? args.worldid;
    if (!fs.existsSync(file)) throw new Error(`No such file ${file}: check the path of the proof you received`);
    const signer = (await hre.ethers.getSigners())[args.from];
    const registry = await hre.ethers.getContractAt(
      "ExecutiveRegistry",
      lib.resolveAddress("ExecutiveRegistry", args.registry, hre.network.name),
    );
    let verifierAddr: string;
    let proof: string;
    if (args.attestation) {
      const signed = lib.attestationFromJson(fs.readFileSync(file, "utf8"));
      verifierAddr = lib.resolveAddress("AttestationVerifier", args.verifier ?? signed.verifier, hre.network.name);
      if (signed.attestation.account.toLowerCase() !== signer.address.toLowerCase()) {
        throw new Error(
          `The attestation is for ${signed.attestation.account} but you are ${signer.address}: use --from with that account`,
        );
      }
      proof = lib.encodeAttestationProof(signed);
    } else {
      verifierAddr = lib.resolveAddress("WorldIDVerifier", args.verifier, hre.network.name);
      proof = lib.encodeWorldIDProof(lib.parseWorldIDProof(JSON.parse(fs.readFileSync(file, "utf8"))));
    }
    const attestationVerifier = await hre.ethers.getContractAt("AttestationVerifier", verifierAddr);
    const worldIdVerifier = await hre.ethers.getContractAt("WorldIDVerifier", verifierAddr);
    try {
      const r = await lib.enroll(registry, signer, verifierAddr, proof);
      console.log(`${r.event}: human ${r.humanId} at ${signer.address}, verified until ${r.expiry} (tx ${r.txHash})`);
    } catch (e) {
      throw new Error(lib.explainError(e, registry, attestationVerifier, worldIdVerifier, lib.WORLD_ID_ERRORS));
    }
  });

task("exec:status", "Show an account's standing in the executive registry")
  .addPositionalParam("account", "The account to look up")
  .addOptionalParam("registry", "ExecutiveRegistry address")
  .addOptionalParam("token", "Also show the allowance for this ERC20")
  .setAction(async (args, hre) => {
    const lib = await import("../scripts/lib/executive");
    const registry = await hre.ethers.getContractAt(
      "ExecutiveRegistry",
      lib.resolveAddress("ExecutiveRegistry", args.registry, hre.network.name),
    );
    const s = await lib.executiveStatus(registry, args.account);
    console.log(`${args.account}: ${s.summary}`);
    if (s.humanId !== hre.ethers.ZeroHash) console.log(`  human ${s.humanId} via verifier ${s.verifier}`);
    for (const asset of [lib.ETH, ...(args.token ? [args.token] : [])]) {
      const [amount, spent, remaining, periodEnd] = await registry.allowanceOf(args.account, asset);
      if (amount > 0n) {
        console.log(
          `  allowance ${asset === lib.ETH ? "ETH" : asset}: ${remaining} of ${amount} left (spent ${spent}) until ${periodEnd}`,
        );
      }
    }
  });

task("exec:spend", "Spend from your allowance (direct within the threshold, else proposed), approve or execute")
  .addOptionalParam("to", "Recipient")
  .addOptionalParam("amount", "Amount in whole units (ETH or token units with --decimals)")
  .addOptionalParam("token", "ERC20 address (default: ETH)")
  .addOptionalParam("decimals", "Decimals of the amount", 18, types.int)
  .addOptionalParam("purpose", "Why (text, hashed) or a 32-byte hash", "")
  .addOptionalParam("approve", "Approve spend proposal <id> as another executive")
  .addOptionalParam("execute", "Execute your approved spend proposal <id>")
  .addOptionalParam("from", "Signer index of the executive", 0, types.int)
  .addOptionalParam("registry", "ExecutiveRegistry address")
  .setAction(async (args, hre) => {
    const lib = await import("../scripts/lib/executive");
    const signer = (await hre.ethers.getSigners())[args.from];
    const registry = await hre.ethers.getContractAt(
      "ExecutiveRegistry",
      lib.resolveAddress("ExecutiveRegistry", args.registry, hre.network.name),
    );
    try {
      if (args.approve) {
        await (await registry.connect(signer).approveSpend(args.approve)).wait();
        console.log(`approved spend ${args.approve}`);
        return;
      }
      if (args.execute) {
        const rc = await (await registry.connect(signer).executeSpend(args.execute)).wait();
        console.log(`executed spend ${args.execute} (tx ${rc!.hash})`);
        return;
      }
      if (!args.to || !args.amount || !args.purpose) {
        throw new Error("Pass --to, --amount and --purpose (or --approve <id> / --execute <id>)");
      }
      const r = await lib.spend(registry, signer, {
        asset: args.token ?? lib.ETH,
        to: args.to,
        amount: hre.ethers.parseUnits(args.amount, args.decimals),
        purpose: args.purpose,
      });
      if (r.kind === "direct") console.log(`spent ${args.amount} to ${args.to} (tx ${r.txHash})`);
      else
        console.log(
          `above the threshold: proposed as spend ${r.spendId}; other executives approve with exec:spend --approve ${r.spendId}, then exec:spend --execute ${r.spendId}`,
        );
    } catch (e) {
      throw new Error(lib.explainError(e, registry));
    }
  });

task("exec:resources", "List the DAO resources and their custodians")
  .addOptionalParam("registry", "ExecutiveRegistry address")
  .setAction(async (args, hre) => {
    const lib = await import("../scripts/lib/executive");
    const registry = await hre.ethers.getContractAt(
      "ExecutiveRegistry",
      lib.resolveAddress("ExecutiveRegistry", args.registry, hre.network.name),
    );
    const list = await lib.listResources(registry);
    if (list.length === 0) console.log("no resources registered (the DAO adds them with addResource)");
    for (const r of list) {
      console.log(
        `#${r.id} ${r.kind} ${r.uri} custodian ${r.custodian === hre.ethers.ZeroAddress ? "the DAO" : r.custodian}`,
      );
    }
  });
