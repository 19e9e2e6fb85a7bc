import DokuSNAP
public enum DokuSandboxPlaceholder {}
