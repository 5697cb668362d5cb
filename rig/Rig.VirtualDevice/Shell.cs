using System.Text;

namespace Rig.VirtualDevice;

/// <summary>A tiny busybox-like root shell: just enough for a lab to prove a shell and read the firmware version.</summary>
internal sealed class Shell(ITerminal terminal, LineEditor editor, DeviceContext device)
{
    public const string Prompt = "# ";

    /// <summary>Runs until <c>exit</c> (true) or until the terminal is gone (false).</summary>
    public bool Run()
    {
        terminal.Write(device.Personality.Software.ShellBanner);
        while (true)
        {
            terminal.Write(Prompt);
            string? line = editor.ReadLine(echo: true);
            if (line is null)
            {
                return false;
            }

            if (RunLine(line, out _))
            {
                return true;
            }
        }
    }

    /// <summary>Runs one command line as <c>sh -c</c> does (an ssh exec): its output goes to the terminal; returns its exit status.</summary>
    public int RunCommand(string line)
    {
        RunLine(line, out int status);
        return status;
    }

    /// <summary>Runs one typed line; true when it was <c>exit</c>.</summary>
    private bool RunLine(string line, out int status)
    {
        status = 0;
        if (Split(line) is [UpdateAgent.Command, .. var updateArgs])
        {
            new UpdateAgent(terminal, device).Run(updateArgs); // a successful update reboots (throws)
            return false;
        }

        string output = Execute(line, device.FirmwareVersion, device.Personality.Software, out bool exit);
        if (output.StartsWith("-sh: ", StringComparison.Ordinal) && output.EndsWith(": not found\r\n", StringComparison.Ordinal))
        {
            status = 127; // what sh returns for a command it cannot find
        }

        terminal.Write(output);
        return exit;
    }

    /// <summary>Runs one command line and returns what it prints, with \r\n line ends.</summary>
    internal static string Execute(string line, string firmwareVersion, DeviceSoftware software, out bool exit)
    {
        exit = false;
        List<string> words = Split(line);
        if (words.Count == 0)
        {
            return "";
        }

        string[] args = words.Skip(1).ToArray();
        switch (words[0])
        {
            case "id":
                return "uid=0(root) gid=0(root) groups=0(root)\r\n";
            case "echo":
                return string.Join(' ', args) + "\r\n";
            case "uname":
                return (args.Contains("-a") ? software.Uname : "Linux") + "\r\n";
            case "hostname":
                return Personality.Hostname + "\r\n";
            case "cat":
                var sb = new StringBuilder();
                foreach (string file in args)
                {
                    sb.Append(file == "/etc/version" ? firmwareVersion + "\r\n" : $"cat: can't open '{file}': No such file or directory\r\n");
                }

                return sb.ToString();
            case "killall":
                return args.Length == 1 ? Daemons.Kill(args[0]) : $"BusyBox v{software.BusyBox} multi-call binary.\r\n\r\nUsage: killall [-l] [-q] [-SIG] PROCESS_NAME...\r\n";
            case "telnetd":
                return Daemons.Start("telnetd");
            case "exit":
                exit = true;
                return "";
            default:
                return $"-sh: {words[0]}: not found\r\n";
        }
    }

    /// <summary>Splits words as sh does for plain text: blanks separate, '...' and "..." quote and are removed.</summary>
    internal static List<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in line)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c is ' ' or '\t')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
