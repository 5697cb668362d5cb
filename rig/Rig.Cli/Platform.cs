// Rig drives Linux ttys, GPIO character devices and file modes: it runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
