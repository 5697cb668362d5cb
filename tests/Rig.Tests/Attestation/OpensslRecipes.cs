using System.Diagnostics;

namespace Rig.Tests.Attestation;

/// <summary>
/// The README's recipes for checking a report folder with stock tools only, run here exactly as
/// a reader would paste them (R is the report folder, PUB the lab's public key).
/// </summary>
internal static class OpensslRecipes
{
    public const string WithJq = """
        # 1. the report's detached signature (DER ECDSA P-256 over the exact bytes)
        openssl dgst -sha256 -verify "$PUB" -signature "$R/report.html.sig" "$R/report.html"
        # 2. the attestation: rebuild the DSSE pre-authentication encoding, check its signature
        ENV="$R/report.html.intoto.jsonl"
        jq -j .payload "$ENV" | openssl base64 -d -A > statement.json
        jq -j '.signatures[0].sig' "$ENV" | openssl base64 -d -A > dsse.sig
        PT=$(jq -j .payloadType "$ENV")
        { printf 'DSSEv1 %d %s %d ' "$(printf %s "$PT" | wc -c)" "$PT" "$(wc -c < statement.json)"
          cat statement.json; } > pae.bin
        openssl dgst -sha256 -verify "$PUB" -signature dsse.sig pae.bin
        # 3. what was signed: types, then every subject's digest against the file in the folder
        echo "$PT"; jq -r '._type, .predicateType' statement.json
        jq -r '.subject[] | "\(.digest.sha256)  \(.name)"' statement.json | (cd "$R" && sha256sum -c -)
        # 4. the key's fingerprint, and the one the statement names
        openssl pkey -pubin -in "$PUB" -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1
        jq -r .predicate.signingKeyFingerprint statement.json
        """;

    public const string WithoutJq = """
        # the envelope is one line of compact JSON with no spaces, so sed can take its fields apart
        ENV="$R/report.html.intoto.jsonl"
        field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" "$ENV"; }
        field payload | openssl base64 -d -A > statement.json
        field sig | openssl base64 -d -A > dsse.sig
        PT=$(field payloadType)
        { printf 'DSSEv1 %d %s %d ' "$(printf %s "$PT" | wc -c)" "$PT" "$(wc -c < statement.json)"
          cat statement.json; } > pae.bin
        openssl dgst -sha256 -verify "$PUB" -signature dsse.sig pae.bin
        sed -n 's/.*"subject":\[\(.*\)\],"predicateType".*/\1/p' statement.json | grep -o '"name":"[^"]*","digest":{"sha256":"[0-9a-f]*"}' \
          | sed 's/"name":"\([^"]*\)","digest":{"sha256":"\([0-9a-f]*\)"}/\2  \1/' | (cd "$R" && sha256sum -c -)
        """;

    public sealed record Result(int Exit, string Stdout, string Stderr);

    /// <summary>Runs a recipe under bash -eu -o pipefail in <paramref name="workDir"/>, bounded to a minute.</summary>
    public static Result Run(string recipe, string reportDir, string publicKey, string workDir)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("set -eu -o pipefail\n" + recipe);
        info.Environment["R"] = reportDir;
        info.Environment["PUB"] = publicKey;
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail("the recipe did not finish in 60 s");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
