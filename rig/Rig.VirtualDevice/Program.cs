using Rig.VirtualDevice;

// rig-vdev: the virtual camera. See VdevOptions.Usage (--help).
try
{
    VdevOptions? options = VdevOptions.Parse(args);
    if (options is null)
    {
        Console.Out.Write(VdevOptions.Usage);
        return 0;
    }

    return VirtualDevice.Run(options);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"rig-vdev: {e.Message}");
    return 2;
}
