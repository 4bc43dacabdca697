// systemctl: status, start, stop, restart, enable, disable, daemon-reload, is-active,
// is-enabled, cat, list-units over the host's unit files and HostState.units.

import type { Host } from '../../engine/world';
import { fail, ok, type Tool, type ToolContext, type ToolResult } from '../tool';
import { journalEntries, loadUnit, mainPid, startUnit, stopUnit, systemdAgo, systemdTime, unitName, type UnitFile } from './systemd';

const WANTS = '/etc/systemd/system/multi-user.target.wants';

function statusOf(ctx: ToolContext, unit: UnitFile, lines: number): string {
  const st = ctx.host.state.units[unit.short];
  const active = st?.active === true;
  const now = ctx.world.clock.now;
  const out: string[] = [];
  out.push(`${active ? '●' : '○'} ${unit.name} - ${unit.description}`);
  out.push(`     Loaded: loaded (${unit.path}; ${st?.enabled ? 'enabled' : 'disabled'}; preset: enabled)`);
  unit.dropIns.forEach((d, i) => {
    out.push(`${i === 0 ? '    Drop-In: ' : '             '}${d.dir}`);
    out.push(`             └─${d.files.join(', ')}`);
  });
  // A kubelet that cannot start (bad config, no config yet) is restarted by systemd every 10 s
  // (RestartSec=10): between attempts the unit is activating, its last process exited 1.
  const failing = active && unit.short === 'kubelet' ? ctx.host.state.kubeletFailure : undefined;
  if (failing) {
    const lastExit = failing.since + Math.floor(Math.max(0, now - failing.since) / 10_000) * 10_000;
    const pid = mainPid(ctx.host, unit.short);
    out.push(`     Active: activating (auto-restart) (Result: exit-code) since ${systemdTime(lastExit)}; ${systemdAgo(now - lastExit)}`);
    if (unit.docs.length) unit.docs.forEach((d, i) => out.push(`${i === 0 ? '       Docs: ' : '             '}${d}`));
    out.push(`    Process: ${pid} ExecStart=${unit.commandLine ?? ''} (code=exited, status=1/FAILURE)`);
    out.push(`   Main PID: ${pid} (code=exited, status=1/FAILURE)`);
    const journal = journalEntries(ctx.host, unit.short).slice(-lines);
    if (journal.length && lines > 0) out.push('', ...journal.map((e) => e.line));
    return out.join('\n') + '\n';
  }
  if (active) out.push(`     Active: active (running) since ${systemdTime(st.since)}; ${systemdAgo(now - st.since)}`);
  else if (st && st.since > 0 && journalEntries(ctx.host, unit.short).length > 0) out.push(`     Active: inactive (dead) since ${systemdTime(st.since)}; ${systemdAgo(now - st.since)}`);
  else out.push('     Active: inactive (dead)');
  if (unit.docs.length) unit.docs.forEach((d, i) => out.push(`${i === 0 ? '       Docs: ' : '             '}${d}`));
  if (active) {
    const pid = mainPid(ctx.host, unit.short);
    const bin = (unit.commandLine ?? unit.short).split(' ')[0] as string;
    out.push(`   Main PID: ${pid} (${bin.split('/').pop()})`);
    out.push(`     CGroup: /system.slice/${unit.name}`);
    out.push(`             └─${pid} ${unit.commandLine ?? ''}`);
  }
  const journal = journalEntries(ctx.host, unit.short).slice(-lines);
  if (journal.length && lines > 0) out.push('', ...journal.map((e) => e.line));
  return out.join('\n') + '\n';
}

function unitOrFail(ctx: ToolContext, arg: string, verb: string): UnitFile | ToolResult {
  const unit = loadUnit(ctx.host, arg);
  if (unit) return unit;
  const name = unitName(arg);
  if (verb === 'stop') return fail(`Failed to stop ${name}: Unit ${name} not loaded.`, 5);
  if (verb === 'enable' || verb === 'disable') return fail(`Failed to ${verb} unit: Unit file ${name} does not exist.`, 1);
  return fail(`Failed to ${verb} ${name}: Unit ${name} not found.`, 5);
}

function setEnabled(host: Host, unit: UnitFile, enabled: boolean): string {
  const st = host.state.units[unit.short] ?? { active: false, enabled: false, since: 0 };
  const link = `${WANTS}/${unit.name}`;
  host.state.units[unit.short] = { ...st, enabled };
  if (enabled && !st.enabled) {
    host.fs.mkdirp(WANTS);
    if (!host.fs.lstat(link)) host.fs.symlink(unit.path, link);
    return `Created symlink ${link} → ${unit.path}.\n`;
  }
  if (!enabled && st.enabled) {
    if (host.fs.lstat(link)) host.fs.rm(link, {});
    return `Removed "${link}".\n`;
  }
  return '';
}

function listUnits(ctx: ToolContext, all: boolean): string {
  const rows = Object.keys(ctx.host.state.units)
    .sort()
    .map((short) => ({ unit: loadUnit(ctx.host, short), st: ctx.host.state.units[short] }))
    .filter((r) => r.unit && (all || r.st?.active));
  const width = Math.max(4, ...rows.map((r) => (r.unit as UnitFile).name.length)) + 2;
  const lines = [`  ${'UNIT'.padEnd(width)}LOAD   ACTIVE   SUB     DESCRIPTION`];
  for (const r of rows) {
    const u = r.unit as UnitFile;
    lines.push(`  ${u.name.padEnd(width)}loaded ${r.st?.active ? 'active   running' : 'inactive dead   '} ${u.description}`);
  }
  lines.push('', 'Legend: LOAD   → Reflects whether the unit definition was properly loaded.', '        ACTIVE → The high-level unit activation state, i.e. generalization of SUB.', '        SUB    → The low-level unit activation state, values depend on unit type.', '', `${rows.length} loaded units listed.${all ? '' : ' Pass --all to see loaded but inactive units, too.'}`, 'To show all installed unit files use \'systemctl list-unit-files\'.');
  return lines.join('\n') + '\n';
}

export const systemctl: Tool = async (args, ctx) => {
  const flags = args.filter((a) => a.startsWith('-'));
  const rest = args.filter((a) => !a.startsWith('-'));
  const verb = rest[0];
  const units = rest.slice(1);
  const now = flags.includes('--now');
  const lineFlag = flags.find((f) => /^(-n|--lines=)\d+$/.test(f));
  const lines = lineFlag ? Number(lineFlag.replace(/\D/g, '')) : 10;
  if (!verb || verb === 'list-units') return ok(listUnits(ctx, flags.includes('--all') || flags.includes('-a')));
  switch (verb) {
    case 'status': {
      if (units.length === 0) return ok(`● ${ctx.host.name}\n    State: running\n    Units: ${Object.keys(ctx.host.state.units).length} loaded\n     Jobs: 0 queued\n   Failed: 0 units\n`);
      let out = '';
      let err = '';
      let code = 0;
      for (const u of units) {
        const unit = loadUnit(ctx.host, u);
        if (!unit) {
          err += `Unit ${unitName(u)} could not be found.\n`;
          code = 4;
          continue;
        }
        out += (out ? '\n' : '') + statusOf(ctx, unit, lines);
        if (!ctx.host.state.units[unit.short]?.active && code === 0) code = 3;
      }
      return { stdout: out, stderr: err, exitCode: code };
    }
    case 'start':
    case 'stop':
    case 'restart':
    case 'reload':
    case 'try-restart':
    case 'reload-or-restart': {
      if (units.length === 0) return fail(`Too few arguments.`);
      for (const u of units) {
        const unit = unitOrFail(ctx, u, verb);
        if ('exitCode' in unit) return unit;
        const running = ctx.host.state.units[unit.short]?.active === true;
        if (verb === 'stop' || (verb !== 'start' && running && verb !== 'reload')) stopUnit(ctx.world, ctx.host, unit);
        if (verb === 'start' || verb === 'restart' || verb === 'reload-or-restart' || (verb === 'try-restart' && running)) startUnit(ctx.world, ctx.host, unit);
      }
      return ok();
    }
    case 'enable':
    case 'disable': {
      if (units.length === 0) return fail('Too few arguments.');
      let err = '';
      for (const u of units) {
        const unit = unitOrFail(ctx, u, verb);
        if ('exitCode' in unit) return unit;
        err += setEnabled(ctx.host, unit, verb === 'enable');
        if (now) (verb === 'enable' ? startUnit : stopUnit)(ctx.world, ctx.host, unit);
      }
      return { stdout: '', stderr: err, exitCode: 0 };
    }
    case 'is-active':
    case 'is-enabled': {
      let out = '';
      let code = 0;
      for (const u of units) {
        const short = loadUnit(ctx.host, u)?.short ?? '';
        const st = ctx.host.state.units[short];
        const restarting = short === 'kubelet' && st?.active && ctx.host.state.kubeletFailure;
        const v = verb === 'is-active' ? (restarting ? 'activating' : st?.active ? 'active' : 'inactive') : !loadUnit(ctx.host, u) ? 'not-found' : st?.enabled ? 'enabled' : 'disabled';
        if (v !== 'active' && v !== 'enabled') code = verb === 'is-active' ? 3 : 1;
        if (!flags.includes('--quiet') && !flags.includes('-q')) out += v + '\n';
      }
      if (verb === 'is-enabled' && units.some((u) => !loadUnit(ctx.host, u))) return { stdout: '', stderr: units.filter((u) => !loadUnit(ctx.host, u)).map((u) => `Failed to get unit file state for ${unitName(u)}: No such file or directory\n`).join(''), exitCode: 1 };
      return { stdout: out, stderr: '', exitCode: code };
    }
    case 'daemon-reload':
    case 'daemon-reexec':
      // Unit files are read afresh by every command here, so a reload has nothing left to do.
      return ok();
    case 'cat': {
      let out = '';
      for (const u of units) {
        const unit = loadUnit(ctx.host, u);
        if (!unit) return fail(`No files found for ${unitName(u)}.`);
        out += `# ${unit.path}\n${ctx.host.fs.read(unit.path)}`;
        for (const d of unit.dropIns) for (const f of d.files) out += `\n# ${d.dir}/${f}\n${ctx.host.fs.read(`${d.dir}/${f}`)}`;
      }
      return ok(out);
    }
    default:
      return fail(`Unknown command verb '${verb}'.`);
  }
};
