using System.CommandLine;
using Rig.Benchmarks;
using Rig.Benchmarks.Scenarios;
using Rig.Benchmarks.Subjects;
using Rig.Cli.Composition;
using Rig.Cli.Terminal;

namespace Rig.Cli.Commands;

/// <summary>
/// <c>rig benchmark [SCENARIO...]</c>: measures Rig's console pipeline and credential sweep
/// against the peers (a raw C reader, Tcl expect, pexpect, hydra, medusa) on real ptys and
/// loopback, and prints one table with each peer's ratio to Rig.
/// </summary>
internal static class BenchmarkCommand
{
    public static Command Create()
    {
        var command = new Command("benchmark", "Measure Rig against the peers on real ptys and loopback; prints a Markdown table (peers: scripts/install-benchmark-deps.sh).");
        var names = new Argument<string[]>("scenario")
        {
            Description = "Scenarios to run (default: all): " + string.Join(", ", BenchmarkScenarios.All.Select(s => s.Name)),
            Arity = ArgumentArity.ZeroOrMore,
        };
        var runs = new Option<int>("--runs") { Description = "Runs per measurement; the median is reported", DefaultValueFactory = _ => 3 };
        var quick = new Option<bool>("--quick") { Description = "Small sizes and one run: checks that the suite works, measures little" };
        var work = new Option<string?>("--work") { Description = "Scratch folder (default: a new folder under the system's temp folder, removed afterwards)" };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the table to this file" };
        command.Arguments.Add(names);
        command.Options.Add(runs);
        command.Options.Add(quick);
        command.Options.Add(work);
        command.Options.Add(markdown);
        command.SetAction(async (parsed, ct) =>
        {
            Interrupts.Unwind(); // it starts peer tools and devices: a signal stops them on the way out
            List<IBenchmarkScenario> chosen = Choose(parsed.GetValue(names) ?? []);
            int n = parsed.GetValue(runs);
            if (n < 1)
            {
                throw new UsageException($"--runs {n}: give at least 1");
            }

            string? given = parsed.GetValue(work);
            string dir = given is null ? Directory.CreateTempSubdirectory("rig-benchmark-").FullName : Path.GetFullPath(given);
            Directory.CreateDirectory(dir);
            var settings = new BenchmarkSettings
            {
                WorkDir = dir,
                Runs = parsed.GetValue(quick) ? 1 : n,
                Quick = parsed.GetValue(quick),
                Progress = Console.Error,
            };
            try
            {
                var all = new List<Measurement>();
                foreach (IBenchmarkScenario scenario in chosen)
                {
                    await Console.Error.WriteLineAsync($"benchmark: {scenario.Name}: {scenario.Description}").ConfigureAwait(false);
                    all.AddRange(await scenario.RunAsync(settings, ct).ConfigureAwait(false));
                }

                string table = ResultTable.Render(all);
                Console.Write(table);
                if (parsed.GetValue(markdown) is { } file)
                {
                    await File.WriteAllTextAsync(file, table, ct).ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }
            finally
            {
                if (given is null)
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        });
        command.Subcommands.Add(Subject());
        command.Subcommands.Add(SerialPortSubjectCommand());
        command.Subcommands.Add(HangUpSubjectCommand());
        return command;
    }

    /// <summary>The suite starts Rig through this, as a process of its own like every peer, so each is measured alike.</summary>
    private static Command Subject()
    {
        var subject = new Command("subject", "Rig as a benchmark subject (started by the suite).") { Hidden = true };
        var bench = new Option<string>("--bench") { Required = true };
        var profile = new Option<string>("--profile") { Required = true };
        var plan = new Option<string>("--plan") { Required = true };
        var outDir = new Option<string>("--out") { Required = true };
        subject.Options.Add(bench);
        subject.Options.Add(profile);
        subject.Options.Add(plan);
        subject.Options.Add(outDir);
        subject.SetAction((parsed, ct) => Interrupts.UnwindThen(() => RigSubject.RunAsync(
            DriverFactory.Bench, parsed.GetValue(bench)!, parsed.GetValue(profile)!, parsed.GetValue(plan)!, parsed.GetValue(outDir)!, Console.Out, ct)));
        return subject;
    }

    /// <summary>System.IO.Ports as a peer, in a process of its own (started by the suite).</summary>
    private static Command SerialPortSubjectCommand()
    {
        var subject = new Command("serialport-subject", "System.IO.Ports's SerialPort as a benchmark peer (started by the suite).") { Hidden = true };
        var end = new Option<string>("--end") { Required = true };
        var logs = new Option<string>("--logs") { Required = true };
        var prompt = new Option<string?>("--prompt");
        var reply = new Option<string?>("--reply");
        var ttys = new Argument<string[]>("tty") { Arity = ArgumentArity.OneOrMore };
        subject.Options.Add(end);
        subject.Options.Add(logs);
        subject.Options.Add(prompt);
        subject.Options.Add(reply);
        subject.Arguments.Add(ttys);
        subject.SetAction(parsed => SerialPortSubject.Run(
            parsed.GetValue(end)!, parsed.GetValue(logs)!, parsed.GetValue(prompt), parsed.GetValue(reply), parsed.GetValue(ttys)!, Console.Out));
        return subject;
    }

    /// <summary>Rig's console or SerialPort after a hang-up, in a process the suite can kill if a call hangs.</summary>
    private static Command HangUpSubjectCommand()
    {
        var subject = new Command("hangup-subject", "A serial library after the tty hangs up (started by the suite).") { Hidden = true };
        var library = new Option<string>("--library") { Required = true };
        library.AcceptOnlyFromAmong(HangUpSubject.Termios, HangUpSubject.SerialPortLibrary);
        var tty = new Argument<string>("tty");
        subject.Options.Add(library);
        subject.Arguments.Add(tty);
        subject.SetAction((parsed, ct) => HangUpSubject.RunAsync(parsed.GetValue(library)!, parsed.GetValue(tty)!, Console.Out));
        return subject;
    }

    private static List<IBenchmarkScenario> Choose(string[] names)
    {
        if (names.Length == 0)
        {
            return [.. BenchmarkScenarios.All];
        }

        return names.Select(name => BenchmarkScenarios.Find(name)
            ?? throw new UsageException($"benchmark: no scenario '{name}' (have: {string.Join(", ", BenchmarkScenarios.All.Select(s => s.Name))})")).ToList();
    }
}
