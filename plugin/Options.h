//===--- Options.h - modspace's options -------------------------*- C++ -*-===//
//
// Every option, parsed in one place into a plain struct.  The plugin reads
// them from -fplugin-arg-modspace-<name>=<value>; the CLI from its flags.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_OPTIONS_H
#define MODSPACE_OPTIONS_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace modspace {

/// What the user asked for; defaults match a stock amd64 FreeBSD kernel.
struct Options {
  /// Per-vnet module space (VNET_MODMIN).
  uint64_t VnetModuleSpace = 32768;
  /// Per-CPU module space (DPCPU_MODMIN).
  uint64_t PcpuModuleSpace = 2048;
  /// Warn on each per-vnet variable at or above this many bytes.
  uint64_t VnetThreshold = 1024;
  /// Warn on each per-CPU variable at or above this many bytes.
  uint64_t PcpuThreshold = 256;
  /// Warn when the TU's set_vnet costs more than this; unset: a quarter
  /// of the module space in force.
  std::optional<uint64_t> VnetBudgetOpt;
  /// The same for set_pcpu.
  std::optional<uint64_t> PcpuBudgetOpt;
  /// Write the per-TU JSON report here (empty: no report).
  std::string ReportPath;
  /// Write one JSON report per TU into this directory (empty: none).
  std::string ReportDir;
  /// In a kernel build (no KLD_MODULE), warn on each per-vnet variable of
  /// this many bytes or more; unset: say nothing of kernel builds.
  std::optional<uint64_t> KernelThreshold;
  /// The same for per-CPU variables.
  std::optional<uint64_t> KernelPcpuThreshold;
  /// Whether the TU is module code: from KLD_MODULE, or forced.
  enum class BuildKind { Auto, Module, Kernel } Build = BuildKind::Auto;
  /// What modspace's diagnostics are: warnings even under -Werror (lint
  /// that never fails a kernel build), errors under -Werror as clang's
  /// own are, or errors always (a gate).
  enum class ErrorMode { Never, Werror, Always } Errors = ErrorMode::Never;
  /// Print a human summary table of every variable on stderr.
  bool Summary = false;
  /// Attach fix-its to the warnings (safe), or only plan them (none: the
  /// report still lists the planned edits).
  enum class FixMode { None, Safe } Fix = FixMode::Safe;
  /// A non-static table may be used by TUs this one cannot see: refuse
  /// it (convert it with the CLI, which sees them all), or convert it
  /// (the user fixed the other TUs first).
  enum class ExternMode { Refuse, Convert } Extern = ExternMode::Refuse;
  /// A read-only SYSCTL_OPAQUE/SYSCTL_STRUCT exporting &VNET_NAME(x) of a
  /// table being converted: refuse the table, or rewrite the export into
  /// a SYSCTL_PROC whose handler copies the table out (opt-in).
  enum class SysctlMode { Refuse, Rewrite } Sysctl = SysctlMode::Refuse;
  /// Not an option: how this front end spells sysctl=rewrite.
  std::string SysctlRewriteSpelling = "-fplugin-arg-modspace-sysctl=rewrite";
  /// Not an option: how this front end spells extern=convert, for the
  /// note that offers it.
  std::string ExternConvertSpelling = "-fplugin-arg-modspace-extern=convert";
  /// Set by the CLI, not an option: tables to refuse, by name, with the
  /// note that says why (another TU blocks them).
  std::map<std::string, std::pair<std::string, clang::SourceLocation>>
      ForceRefuse;
  /// Set by the CLI, not an option: refuse every table, with this note
  /// (a header analysed on its own).
  std::string RefuseAll;
  /// Set by the CLI: list the #includes of skipped code in the result.
  bool ListSkippedIncludes = false;
  /// Set by the CLI, which sees every TU that includes a header: static
  /// tables defined in headers may be converted (each includer's copy is
  /// allocated by its own TU's edits).
  bool WholeTree = false;
  /// check-walk: a self-check for tests; the lean walks are compared with
  /// the full traversals they stand for, and a difference is an error.
  bool CheckWalk = false;
  /// Not an option: whether a front end shows the estimated layout (a
  /// report, a summary, the CLI), so that it must follow clang's creation
  /// order even when no section is near its budget.
  bool WantLayout = true;

  /// The smallest size a threshold in force warns at, per-vnet and
  /// per-CPU: no smaller variable is ever a candidate for a fix-it.
  uint64_t smallestVnetThreshold() const {
    return std::min(VnetThreshold, KernelThreshold.value_or(VnetThreshold));
  }
  uint64_t smallestPcpuThreshold() const {
    return std::min(PcpuThreshold,
                    KernelPcpuThreshold.value_or(PcpuThreshold));
  }

  uint64_t vnetBudget() const {
    return VnetBudgetOpt.value_or(VnetModuleSpace / 4);
  }
  uint64_t pcpuBudget() const {
    return PcpuBudgetOpt.value_or(PcpuModuleSpace / 4);
  }
};

/// Applies one "name=value" (or bare "name") argument to \p Opts.
/// Returns an empty string on success, else a one-line reason.
std::string applyOption(Options &Opts, llvm::StringRef Arg);

/// Parses a byte count: decimal or 0x-hexadecimal (a leading 0 is still
/// decimal), with an optional K, M or G suffix (powers of 1024); no sign,
/// no overflow.  modspace-elf and the CLI parse byte counts by this rule.
bool parseBytes(llvm::StringRef Text, uint64_t &Out);

/// The text listing every option, for error messages and --help.
llvm::StringRef optionHelp();

} // namespace modspace

#endif // MODSPACE_OPTIONS_H
