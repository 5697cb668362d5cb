// The suite drives ptys, GPIO character devices, signals and file modes: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
