using System.Diagnostics;
using System.Runtime.CompilerServices;
using Rig.Drivers.Gpio;

namespace Rig.Tests.Gpio;

/// <summary>Compares every struct offset, size and ioctl number the driver uses with what gcc makes of linux/gpio.h.</summary>
public unsafe class GpioLayoutTests
{
    private const string Probe = """
        #include <stdio.h>
        #include <stddef.h>
        #include <linux/gpio.h>

        #define S(t) printf("sizeof %s %zu\n", #t, sizeof(struct t))
        #define O(t, f) printf("offsetof %s.%s %zu\n", #t, #f, offsetof(struct t, f))
        #define V(n) printf("value %s %llu\n", #n, (unsigned long long)(n))

        int main(void)
        {
            S(gpiochip_info);
            O(gpiochip_info, name); O(gpiochip_info, label); O(gpiochip_info, lines);

            S(gpio_v2_line_values);
            O(gpio_v2_line_values, bits); O(gpio_v2_line_values, mask);

            S(gpio_v2_line_attribute);
            O(gpio_v2_line_attribute, id); O(gpio_v2_line_attribute, padding);
            O(gpio_v2_line_attribute, flags); O(gpio_v2_line_attribute, values);
            O(gpio_v2_line_attribute, debounce_period_us);

            S(gpio_v2_line_config_attribute);
            O(gpio_v2_line_config_attribute, attr); O(gpio_v2_line_config_attribute, mask);

            S(gpio_v2_line_config);
            O(gpio_v2_line_config, flags); O(gpio_v2_line_config, num_attrs);
            O(gpio_v2_line_config, padding); O(gpio_v2_line_config, attrs);
            O(gpio_v2_line_config, attrs[1]); O(gpio_v2_line_config, attrs[9].mask);

            S(gpio_v2_line_request);
            O(gpio_v2_line_request, offsets); O(gpio_v2_line_request, offsets[63]);
            O(gpio_v2_line_request, consumer); O(gpio_v2_line_request, config);
            O(gpio_v2_line_request, config.attrs[0].attr.values); O(gpio_v2_line_request, config.attrs[0].mask);
            O(gpio_v2_line_request, num_lines); O(gpio_v2_line_request, event_buffer_size);
            O(gpio_v2_line_request, padding); O(gpio_v2_line_request, fd);

            S(gpio_v2_line_info);
            O(gpio_v2_line_info, name); O(gpio_v2_line_info, consumer); O(gpio_v2_line_info, offset);
            O(gpio_v2_line_info, num_attrs); O(gpio_v2_line_info, flags); O(gpio_v2_line_info, attrs);
            O(gpio_v2_line_info, attrs[9]); O(gpio_v2_line_info, padding);

            V(GPIO_MAX_NAME_SIZE); V(GPIO_V2_LINES_MAX); V(GPIO_V2_LINE_NUM_ATTRS_MAX);
            V(GPIO_GET_CHIPINFO_IOCTL); V(GPIO_V2_GET_LINEINFO_IOCTL); V(GPIO_V2_GET_LINE_IOCTL);
            V(GPIO_V2_LINE_SET_CONFIG_IOCTL); V(GPIO_V2_LINE_GET_VALUES_IOCTL); V(GPIO_V2_LINE_SET_VALUES_IOCTL);
            V(GPIO_V2_LINE_FLAG_USED); V(GPIO_V2_LINE_FLAG_ACTIVE_LOW);
            V(GPIO_V2_LINE_FLAG_INPUT); V(GPIO_V2_LINE_FLAG_OUTPUT);
            V(GPIO_V2_LINE_ATTR_ID_FLAGS); V(GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES); V(GPIO_V2_LINE_ATTR_ID_DEBOUNCE);
            return 0;
        }
        """;

    private const string Packages = "install the Debian packages gcc, libc6-dev and linux-libc-dev";

    [Test]
    public void StructsAndIoctlNumbersMatchTheKernelHeader()
    {
        Dictionary<string, ulong> c = RunProbe();
        Dictionary<string, ulong> cs = CSharpSide();

        Assert.Multiple(() =>
        {
            foreach (var (key, expected) in c)
            {
                Assert.That(cs.ContainsKey(key), Is.True, $"the C# side does not check {key}");
                if (cs.TryGetValue(key, out ulong actual))
                {
                    Assert.That(actual, Is.EqualTo(expected), key);
                }
            }

            foreach (string key in cs.Keys)
            {
                Assert.That(c.ContainsKey(key), Is.True, $"the C probe does not print {key}");
            }
        });
    }

    private static Dictionary<string, ulong> CSharpSide()
    {
        var d = new Dictionary<string, ulong>();

        GpioChipInfo ci = default;
        d["sizeof gpiochip_info"] = (ulong)sizeof(GpioChipInfo);
        d["offsetof gpiochip_info.name"] = Off(ref ci, ref ci.Name[0]);
        d["offsetof gpiochip_info.label"] = Off(ref ci, ref ci.Label[0]);
        d["offsetof gpiochip_info.lines"] = Off(ref ci, ref ci.Lines);

        GpioV2LineValues v = default;
        d["sizeof gpio_v2_line_values"] = (ulong)sizeof(GpioV2LineValues);
        d["offsetof gpio_v2_line_values.bits"] = Off(ref v, ref v.Bits);
        d["offsetof gpio_v2_line_values.mask"] = Off(ref v, ref v.Mask);

        GpioV2LineAttribute a = default;
        d["sizeof gpio_v2_line_attribute"] = (ulong)sizeof(GpioV2LineAttribute);
        d["offsetof gpio_v2_line_attribute.id"] = Off(ref a, ref a.Id);
        d["offsetof gpio_v2_line_attribute.padding"] = Off(ref a, ref a.Padding);
        d["offsetof gpio_v2_line_attribute.flags"] = Off(ref a, ref a.Flags);
        d["offsetof gpio_v2_line_attribute.values"] = Off(ref a, ref a.Values);
        d["offsetof gpio_v2_line_attribute.debounce_period_us"] = Off(ref a, ref a.DebouncePeriodUs);

        GpioV2LineConfigAttribute ca = default;
        d["sizeof gpio_v2_line_config_attribute"] = (ulong)sizeof(GpioV2LineConfigAttribute);
        d["offsetof gpio_v2_line_config_attribute.attr"] = Off(ref ca, ref ca.Attr);
        d["offsetof gpio_v2_line_config_attribute.mask"] = Off(ref ca, ref ca.Mask);

        GpioV2LineConfig cfg = default;
        d["sizeof gpio_v2_line_config"] = (ulong)sizeof(GpioV2LineConfig);
        d["offsetof gpio_v2_line_config.flags"] = Off(ref cfg, ref cfg.Flags);
        d["offsetof gpio_v2_line_config.num_attrs"] = Off(ref cfg, ref cfg.NumAttrs);
        d["offsetof gpio_v2_line_config.padding"] = Off(ref cfg, ref cfg.Padding[0]);
        d["offsetof gpio_v2_line_config.attrs"] = Off(ref cfg, ref cfg.Attrs[0]);
        d["offsetof gpio_v2_line_config.attrs[1]"] = Off(ref cfg, ref cfg.Attrs[1]);
        d["offsetof gpio_v2_line_config.attrs[9].mask"] = Off(ref cfg, ref cfg.Attrs[9].Mask);

        GpioV2LineRequest r = default;
        d["sizeof gpio_v2_line_request"] = (ulong)sizeof(GpioV2LineRequest);
        d["offsetof gpio_v2_line_request.offsets"] = Off(ref r, ref r.Offsets[0]);
        d["offsetof gpio_v2_line_request.offsets[63]"] = Off(ref r, ref r.Offsets[63]);
        d["offsetof gpio_v2_line_request.consumer"] = Off(ref r, ref r.Consumer[0]);
        d["offsetof gpio_v2_line_request.config"] = Off(ref r, ref r.Config);
        d["offsetof gpio_v2_line_request.config.attrs[0].attr.values"] = Off(ref r, ref r.Config.Attrs[0].Attr.Values);
        d["offsetof gpio_v2_line_request.config.attrs[0].mask"] = Off(ref r, ref r.Config.Attrs[0].Mask);
        d["offsetof gpio_v2_line_request.num_lines"] = Off(ref r, ref r.NumLines);
        d["offsetof gpio_v2_line_request.event_buffer_size"] = Off(ref r, ref r.EventBufferSize);
        d["offsetof gpio_v2_line_request.padding"] = Off(ref r, ref r.Padding[0]);
        d["offsetof gpio_v2_line_request.fd"] = Off(ref r, ref r.Fd);

        GpioV2LineInfo i = default;
        d["sizeof gpio_v2_line_info"] = (ulong)sizeof(GpioV2LineInfo);
        d["offsetof gpio_v2_line_info.name"] = Off(ref i, ref i.Name[0]);
        d["offsetof gpio_v2_line_info.consumer"] = Off(ref i, ref i.Consumer[0]);
        d["offsetof gpio_v2_line_info.offset"] = Off(ref i, ref i.Offset);
        d["offsetof gpio_v2_line_info.num_attrs"] = Off(ref i, ref i.NumAttrs);
        d["offsetof gpio_v2_line_info.flags"] = Off(ref i, ref i.Flags);
        d["offsetof gpio_v2_line_info.attrs"] = Off(ref i, ref i.Attrs[0]);
        d["offsetof gpio_v2_line_info.attrs[9]"] = Off(ref i, ref i.Attrs[9]);
        d["offsetof gpio_v2_line_info.padding"] = Off(ref i, ref i.Padding[0]);

        d["value GPIO_MAX_NAME_SIZE"] = GpioUapi.MaxNameSize;
        d["value GPIO_V2_LINES_MAX"] = GpioUapi.LinesMax;
        d["value GPIO_V2_LINE_NUM_ATTRS_MAX"] = GpioUapi.LineNumAttrsMax;
        d["value GPIO_GET_CHIPINFO_IOCTL"] = GpioUapi.GPIO_GET_CHIPINFO_IOCTL;
        d["value GPIO_V2_GET_LINEINFO_IOCTL"] = GpioUapi.GPIO_V2_GET_LINEINFO_IOCTL;
        d["value GPIO_V2_GET_LINE_IOCTL"] = GpioUapi.GPIO_V2_GET_LINE_IOCTL;
        d["value GPIO_V2_LINE_SET_CONFIG_IOCTL"] = GpioUapi.GPIO_V2_LINE_SET_CONFIG_IOCTL;
        d["value GPIO_V2_LINE_GET_VALUES_IOCTL"] = GpioUapi.GPIO_V2_LINE_GET_VALUES_IOCTL;
        d["value GPIO_V2_LINE_SET_VALUES_IOCTL"] = GpioUapi.GPIO_V2_LINE_SET_VALUES_IOCTL;
        d["value GPIO_V2_LINE_FLAG_USED"] = GpioUapi.GPIO_V2_LINE_FLAG_USED;
        d["value GPIO_V2_LINE_FLAG_ACTIVE_LOW"] = GpioUapi.GPIO_V2_LINE_FLAG_ACTIVE_LOW;
        d["value GPIO_V2_LINE_FLAG_INPUT"] = GpioUapi.GPIO_V2_LINE_FLAG_INPUT;
        d["value GPIO_V2_LINE_FLAG_OUTPUT"] = GpioUapi.GPIO_V2_LINE_FLAG_OUTPUT;
        d["value GPIO_V2_LINE_ATTR_ID_FLAGS"] = GpioUapi.GPIO_V2_LINE_ATTR_ID_FLAGS;
        d["value GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES"] = GpioUapi.GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
        d["value GPIO_V2_LINE_ATTR_ID_DEBOUNCE"] = GpioUapi.GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
        return d;
    }

    private static ulong Off<TStruct, TField>(ref TStruct s, ref TField field) =>
        (ulong)Unsafe.ByteOffset(ref Unsafe.As<TStruct, byte>(ref s), ref Unsafe.As<TField, byte>(ref field));

    private static Dictionary<string, ulong> RunProbe()
    {
        string dir = Directory.CreateTempSubdirectory("rig-gpio-probe-").FullName;
        try
        {
            string source = Path.Combine(dir, "probe.c");
            string exe = Path.Combine(dir, "probe");
            File.WriteAllText(source, Probe);

            var (code, output) = Run("gcc", ["-std=c11", "-Wall", "-Werror", "-o", exe, source]);
            if (code != 0)
            {
                string hint = output.Contains("linux/gpio.h") ? "linux/gpio.h is missing" : "compiling the probe failed";
                Assert.Fail($"{hint}: {Packages}.\n{output}");
            }

            (code, output) = Run(exe, []);
            Assert.That(code, Is.Zero, output);

            var values = new Dictionary<string, ulong>();
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                int last = line.LastIndexOf(' ');
                values[line[..last]] = ulong.Parse(line[(last + 1)..]);
            }

            Assert.That(values, Is.Not.Empty, "the probe printed nothing");
            return values;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int Code, string Output) Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"cannot run {file} ({e.Message}): {Packages}");
            throw;
        }

        using (p)
        {
            p.StandardInput.Close();
            Task<string> stdout = p.StandardOutput.ReadToEndAsync();
            Task<string> stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                Assert.Fail($"{file} did not finish in 120 s");
            }

            return (p.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
