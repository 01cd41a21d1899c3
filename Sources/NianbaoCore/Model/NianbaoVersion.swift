/// nianbao's version, as `--version` prints it: raised with every change of what the outputs hold.
public enum NianbaoVersion {
    public static let string = "0.8.0"
}
