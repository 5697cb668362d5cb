namespace Rig.Reports; internal static class Placeholder { }
