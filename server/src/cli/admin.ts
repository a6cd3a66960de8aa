/**
 * Operations commands for a real install (docs/operations.md, "First install"):
 *
 *   node server/dist/src/cli/admin.js init --org-name NAME --username NAME [--display-name NAME] [--org-kind committee]
 *   node server/dist/src/cli/admin.js demo-remove --yes [--force]
 *   node server/dist/src/cli/admin.js rotate-data-key        (DATA_KEY = new key, DATA_KEY_OLD = old key)
 *   node server/dist/src/cli/admin.js knowledge-import [FILE] [--starter-qa]
 *
 * `pnpm admin …` runs the same from a checkout. The database is DATABASE_URL, or the embedded
 * PostgreSQL in PG_DATA_DIR when it is unset (stop the server first: the data directory is its).
 * Exit codes: 0 done (or already done, same arguments), 1 refused or failed, 2 usage.
 */
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../config/config.js';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../db/embedded/embedded-postgres.js';
import { migrate } from '../db/data-source.js';
import { UnsupportedPostgresError } from '../db/pg-version.js';
import { AdminCommandError, importKnowledgeFile, initInstall, removeDemo, rotateDataKey } from './admin-commands.js';
import { readSecret } from './prompt.js';

const USAGE = `用法 (usage):
  admin init --org-name <根组织名称> --username <管理员用户名> [--display-name <姓名>] [--org-kind committee|general_branch|branch]
      创建平台管理员和根党组织（仅一次）。密码取自环境变量 DANGJIAN_ADMIN_PASSWORD，未设置时在终端提示输入（不回显）。
  admin demo-remove --yes [--force]
      删除演示园区的全部数据（演示账号、党组织、党员及其业务数据），之后用 admin init 开始真实安装。
  admin rotate-data-key
      用新的 DATA_KEY 重新加密敏感数据：DATA_KEY=新密钥，DATA_KEY_OLD=旧密钥。
  admin knowledge-import [<文件.json|文件.md>] [--starter-qa]
      导入党建知识：法规原文（JSON，或一部法规的 markdown 文本，格式见 docs/operations.md），同名法规按条号更新；
      --starter-qa 同时载入平台自带的常见问答（发布在根党组织）。
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: command === 'knowledge-import',
    options: {
      'org-name': { type: 'string' },
      'org-kind': { type: 'string', default: 'committee' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      yes: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'starter-qa': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!command || !['init', 'demo-remove', 'rotate-data-key', 'knowledge-import'].includes(command)) {
    process.stderr.write(USAGE);
    return 2;
  }
  // The CLI never runs in demo mode, whatever the environment says.
  const config = loadConfig({ ...process.env, DEMO_MODE: 'false' });
  let embedded: EmbeddedHandle | undefined;
  let url = config.DATABASE_URL;
  try {
    if (!url) {
      embedded = await startEmbeddedPostgres({ dataDir: config.PG_DATA_DIR, database: 'dangjian', persistent: true });
      url = embedded.url;
    }
    await migrate(url, config.dataKey);
    switch (command) {
      case 'init': {
        const orgName = values['org-name'];
        const username = values.username;
        if (!orgName || !username) {
          process.stderr.write(USAGE);
          return 2;
        }
        const password = process.env.DANGJIAN_ADMIN_PASSWORD ?? (await readSecret('管理员密码（至少 10 位，含字母和数字）: ', '再次输入密码: '));
        const r = await initInstall(url, {
          orgName,
          orgKind: values['org-kind'] ?? 'committee',
          username,
          displayName: values['display-name'] ?? username,
          password,
        });
        process.stdout.write(
          r.created
            ? `已创建平台管理员 ${r.username} 和根组织「${r.orgName}」。请用该账号登录 H5 管理端继续建立组织架构。\n`
            : `已完成过初始化（平台管理员 ${r.username}，根组织「${r.orgName}」），本次未做任何更改。\n`,
        );
        return 0;
      }
      case 'demo-remove': {
        if (!values.yes) {
          process.stderr.write('将删除演示园区的全部数据，且不可恢复。确认请加 --yes。\n');
          return 1;
        }
        const r = await removeDemo(url, { force: values.force });
        process.stdout.write(
          r.removed
            ? `已删除演示数据（${r.tables} 张表已清空）。请关闭演示模式（不加 --demo，DEMO_MODE=false），再运行 admin init。\n`
            : '数据库中没有演示数据，未做任何更改。\n',
        );
        return 0;
      }
      case 'rotate-data-key': {
        const oldKey = process.env.DATA_KEY_OLD;
        if (!oldKey || !process.env.DATA_KEY) {
          process.stderr.write('请设置 DATA_KEY（新密钥）和 DATA_KEY_OLD（旧密钥），均为 32 字节的 base64。\n');
          return 2;
        }
        const r = await rotateDataKey(url, Buffer.from(oldKey, 'base64'), config.dataKey);
        process.stdout.write(`已用新密钥重新加密 ${r.reencrypted} 条，已是新密钥的 ${r.alreadyNew} 条。\n`);
        return 0;
      }
      case 'knowledge-import': {
        const file = positionals[0] ?? null;
        if ((!file && !values['starter-qa']) || positionals.length > 1) {
          process.stderr.write(USAGE);
          return 2;
        }
        const r = await importKnowledgeFile(url, file, values['starter-qa']);
        process.stdout.write(`已导入 ${r.collections} 部法规、${r.articles} 条条文（删除文件中已没有的 ${r.removedArticles} 条），新增问答 ${r.qa} 条。\n`);
        return 0;
      }
    }
    return 2;
  } finally {
    await embedded?.stop();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    if (err instanceof AdminCommandError || err instanceof ConfigError || err instanceof UnsupportedPostgresError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${err.message}\n${USAGE}`);
      process.exit(2);
    }
    process.stderr.write(`失败: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
