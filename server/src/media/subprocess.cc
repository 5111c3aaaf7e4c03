#include "media/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace vw::media {

std::optional<std::string> FindProgram(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    std::filesystem::path candidate = std::filesystem::path(dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return std::nullopt;
}

ToolRun RunTool(const std::vector<std::string>& argv, const ToolLimits& limits) {
  ToolRun run;
  if (argv.empty()) return run;
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return run;
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(out[0]);
    ::close(out[1]);
    return run;
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    ::dup2(out[1], STDOUT_FILENO);
    int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
      ::dup2(null, STDIN_FILENO);
      ::dup2(null, STDERR_FILENO);
    }
    rlimit cpu{static_cast<rlim_t>(limits.cpu_seconds), static_cast<rlim_t>(limits.cpu_seconds)};
    ::setrlimit(RLIMIT_CPU, &cpu);
    rlimit as{limits.address_space, limits.address_space};
    ::setrlimit(RLIMIT_AS, &as);
    rlimit core{0, 0};
    ::setrlimit(RLIMIT_CORE, &core);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(out[1]);
  auto deadline = std::chrono::steady_clock::now() + limits.timeout;
  char buffer[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      run.timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // end of output
    std::size_t room = limits.max_output - std::min(limits.max_output, run.output.size());
    if (static_cast<std::size_t>(n) > room) {
      run.output.append(buffer, room);
      run.truncated = true;
      break;
    }
    run.output.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  if (run.timed_out || run.truncated) ::kill(pid, SIGKILL);
  // Output closed: the child still gets only what is left of its time.
  int status = 0;
  for (;;) {
    pid_t done = ::waitpid(pid, &status, (run.timed_out || run.truncated) ? 0 : WNOHANG);
    if (done == pid) break;
    if (done < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      run.timed_out = true;
      ::kill(pid, SIGKILL);
      continue;
    }
    ::usleep(5000);
  }
  if (!run.timed_out && WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  return run;
}

}  // namespace vw::media
