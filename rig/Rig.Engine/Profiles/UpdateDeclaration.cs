namespace Rig.Engine.Profiles;

/// <summary>
/// How the manufacturer declares the device is updated (profile key <c>update:</c>): the console
/// command that fetches an image from a URL, the images the lab was given, the model and the key.
/// </summary>
/// <param name="Method">Only <c>console-fetch</c> so far: the rig serves the image, the device fetches it.</param>
/// <param name="Command">What to type, with <c>{{url}}</c> where the image's address goes.</param>
/// <param name="Images">Image name (current, newer, older, other_model, ...) to full path.</param>
/// <param name="PublicKey">Full path of the manufacturer's public key (PEM), for the rig's own checks.</param>
/// <param name="VersionCommand">A console command that prints the running version.</param>
/// <param name="LoginUser">Who to log in as when the console asks.</param>
/// <param name="Timeout">Longest a single update may take from the command to the reboot or the error.</param>
public sealed record UpdateDeclaration(
    string Method,
    string Command,
    IReadOnlyDictionary<string, string> Images,
    string? PublicKey,
    string Model,
    string VersionCommand,
    string LoginUser,
    TimeSpan Timeout)
{
    public static readonly string[] Methods = ["console-fetch"];

    /// <summary>Where each image is named in the profile, for errors found when a plan needs it.</summary>
    public IReadOnlyDictionary<string, Config.Position> ImageAt { get; init; } = new Dictionary<string, Config.Position>();
}
