//===--- Options.cpp - modspace's options ---------------------------------===//

#include "Options.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/Twine.h"

namespace modspace {

bool parseBytes(llvm::StringRef Text, uint64_t &Out) {
  uint64_t Scale = 1;
  if (Text.consume_back("K") || Text.consume_back("k"))
    Scale = 1024;
  else if (Text.consume_back("M"))
    Scale = 1024 * 1024;
  else if (Text.consume_back("G"))
    Scale = 1024 * 1024 * 1024;
  unsigned Radix = 10;
  if (Text.consume_front("0x") || Text.consume_front("0X"))
    Radix = 16;
  uint64_t Value;
  if (Text.empty() ||
      !llvm::all_of(Text, [&](char C) {
        return Radix == 16 ? llvm::isHexDigit(C) : llvm::isDigit(C);
      }) ||
      Text.getAsInteger(Radix, Value))
    return false;
  if (Value > UINT64_MAX / Scale)
    return false;
  Out = Value * Scale;
  return true;
}

llvm::StringRef optionHelp() {
  return "threshold=N, pcpu-threshold=N, budget=N, pcpu-budget=N, "
         "modspace=N, pcpu-modspace=N, kernel-threshold=N, "
         "kernel-pcpu-threshold=N, build=auto|module|kernel, "
         "errors=never|werror|always, report=FILE, report-dir=DIR, summary, "
         "fix=none|safe, extern=refuse|convert, sysctl=refuse|rewrite";
}

std::string applyOption(Options &Opts, llvm::StringRef Arg) {
  auto [Name, Value] = Arg.split('=');
  bool HasValue = Arg.contains('=');

  if (Name == "check-walk") {
    if (HasValue)
      return "option 'check-walk' takes no value";
    Opts.CheckWalk = true;
    return "";
  }
  if (Name == "summary") {
    if (HasValue)
      return "option 'summary' takes no value";
    Opts.Summary = true;
    return "";
  }
  if (Name == "fix") {
    if (Value == "none")
      Opts.Fix = Options::FixMode::None;
    else if (Value == "safe")
      Opts.Fix = Options::FixMode::Safe;
    else
      return (llvm::Twine("option 'fix' takes 'none' or 'safe', got '") +
              Value + "'")
          .str();
    return "";
  }
  if (Name == "sysctl") {
    if (Value == "refuse")
      Opts.Sysctl = Options::SysctlMode::Refuse;
    else if (Value == "rewrite")
      Opts.Sysctl = Options::SysctlMode::Rewrite;
    else
      return (llvm::Twine("option 'sysctl' takes 'refuse' or 'rewrite', "
                          "got '") +
              Value + "'")
          .str();
    return "";
  }
  if (Name == "extern") {
    if (Value == "refuse")
      Opts.Extern = Options::ExternMode::Refuse;
    else if (Value == "convert")
      Opts.Extern = Options::ExternMode::Convert;
    else
      return (llvm::Twine("option 'extern' takes 'refuse' or 'convert', "
                          "got '") +
              Value + "'")
          .str();
    return "";
  }
  if (Name == "report") {
    if (Value.empty())
      return "option 'report' needs a file name (report=FILE)";
    Opts.ReportPath = Value.str();
    return "";
  }
  if (Name == "report-dir") {
    if (Value.empty())
      return "option 'report-dir' needs a directory (report-dir=DIR)";
    Opts.ReportDir = Value.str();
    return "";
  }
  if (Name == "build") {
    if (Value == "auto")
      Opts.Build = Options::BuildKind::Auto;
    else if (Value == "module")
      Opts.Build = Options::BuildKind::Module;
    else if (Value == "kernel")
      Opts.Build = Options::BuildKind::Kernel;
    else
      return (llvm::Twine("option 'build' takes 'auto', 'module' or "
                          "'kernel', got '") +
              Value + "'")
          .str();
    return "";
  }
  if (Name == "errors") {
    if (Value == "never")
      Opts.Errors = Options::ErrorMode::Never;
    else if (Value == "werror")
      Opts.Errors = Options::ErrorMode::Werror;
    else if (Value == "always")
      Opts.Errors = Options::ErrorMode::Always;
    else
      return (llvm::Twine("option 'errors' takes 'never', 'werror' or "
                          "'always', got '") +
              Value + "'")
          .str();
    return "";
  }

  bool Known = llvm::StringSwitch<bool>(Name)
                   .Cases("threshold", "pcpu-threshold", "budget",
                          "pcpu-budget", "modspace", "pcpu-modspace", true)
                   .Cases("kernel-threshold", "kernel-pcpu-threshold", true)
                   .Default(false);
  if (!Known)
    return (llvm::Twine("unknown option '") + Name +
            "' (known: " + optionHelp() + ")")
        .str();
  uint64_t Bytes;
  if (!HasValue || !parseBytes(Value, Bytes))
    return (llvm::Twine("option '") + Name + "' needs a byte count, got '" +
            Value + "'")
        .str();
  if (Name.ends_with("modspace") && Bytes == 0)
    return (llvm::Twine("option '") + Name + "' must be greater than 0").str();

  if (Name == "threshold")
    Opts.VnetThreshold = Bytes;
  else if (Name == "pcpu-threshold")
    Opts.PcpuThreshold = Bytes;
  else if (Name == "budget")
    Opts.VnetBudgetOpt = Bytes;
  else if (Name == "pcpu-budget")
    Opts.PcpuBudgetOpt = Bytes;
  else if (Name == "modspace")
    Opts.VnetModuleSpace = Bytes;
  else if (Name == "kernel-threshold")
    Opts.KernelThreshold = Bytes;
  else if (Name == "kernel-pcpu-threshold")
    Opts.KernelPcpuThreshold = Bytes;
  else
    Opts.PcpuModuleSpace = Bytes;
  return "";
}

} // namespace modspace
