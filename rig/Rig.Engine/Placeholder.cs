namespace Rig.Engine; internal static class Placeholder { }
