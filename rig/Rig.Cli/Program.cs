using Rig.Cli;

return await RigCommandLine.RunAsync(args).ConfigureAwait(false);
