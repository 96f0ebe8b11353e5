package org.scalinglab.kernel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.reply.CommInfoReply;
import org.dflib.jjava.jupyter.messages.reply.CompleteReply;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.InspectReply;
import org.dflib.jjava.jupyter.messages.reply.InterruptReply;
import org.dflib.jjava.jupyter.messages.reply.IsCompleteReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.reply.ShutdownReply;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.InspectRequest;
import org.dflib.jjava.jupyter.messages.request.IsCompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;

/**
 * The Jupyter side of the kernel: message handlers on jjava-jupyter's {@link JupyterConnection}.
 * kernel_info never waits for JShell (which starts in the background); execute, complete and
 * inspect wait for it. Every handler catches everything: a failing cell or a failing handler never
 * ends a channel's loop.
 */
final class ScalinglabKernel {
  static final String IMPLEMENTATION = "scalinglab";
  static final String VERSION = "0.1.0";
  private static final long INTERRUPT_GRACE_MILLIS = 1000;

  private final JupyterConnection connection;
  private final KernelLog log;
  private final ClassPathEntries classPath;
  private final ValueRenderer renderer = new ValueRenderer();
  private final OutputRouter router;
  private final CountDownLatch connected = new CountDownLatch(1);
  private final CountDownLatch firstKernelInfo = new CountDownLatch(1);
  private final CompletableFuture<KernelSession> session = new CompletableFuture<>();
  private final AtomicInteger executionCount = new AtomicInteger();
  private final LanguageInfo languageInfo = new LanguageInfo("java", Runtime.version().toString(),
      "text/x-java-source", ".jshell", "java", "java", "script");

  ScalinglabKernel(JupyterConnection connection, KernelLog log, ClassPathEntries classPath) {
    this.connection = connection;
    this.log = log;
    this.classPath = classPath;
    this.router = new OutputRouter(new IopubSink(connection.getIOPub(), log), NoiseFilter.standard(), 30);
  }

  OutputRouter router() {
    return router;
  }

  /** Registers every handler; call before {@link JupyterConnection#connect()}. */
  void installHandlers() {
    connection.setHandler(MessageType.KERNEL_INFO_REQUEST, safe("kernel_info", this::kernelInfo));
    connection.setHandler(MessageType.EXECUTE_REQUEST, safe("execute", this::execute));
    connection.setHandler(MessageType.COMPLETE_REQUEST, safe("complete", this::complete));
    connection.setHandler(MessageType.IS_COMPLETE_REQUEST, safe("is_complete", this::isComplete));
    connection.setHandler(MessageType.INSPECT_REQUEST, safe("inspect", this::inspect));
    connection.setHandler(MessageType.INTERRUPT_REQUEST, safe("interrupt", (env, msg) -> interrupt(env)));
    connection.setHandler(MessageType.SHUTDOWN_REQUEST, safe("shutdown", this::shutdown));
    connection.setHandler(MessageType.COMM_INFO_REQUEST, safe("comm_info", (env, msg) -> {
      env.setBusyDeferIdle();
      env.reply(new CommInfoReply(Map.of()));
    }));
    connection.setHandler(MessageType.HISTORY_REQUEST, safe("history", (env, msg) -> {
      env.setBusyDeferIdle();
      env.reply(new OkHistoryReply());
    }));
  }

  /** Called once the sockets are bound: handlers may now use them. */
  void markConnected() {
    connected.countDown();
  }

  /**
   * Starts JShell in the background; cells wait for it. It begins once the first kernel_info is
   * answered (or after {@code headStartMillis}), so that on a busy machine the compiler's start-up
   * does not compete with the reply that tells Jupyter the kernel is alive.
   */
  void startSession(long headStartMillis) {
    Thread t = new Thread(() -> {
      try {
        firstKernelInfo.await(headStartMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      long t0 = System.nanoTime();
      try {
        KernelSession s = KernelSession.start(classPath, this::displayFromCell, log.stream(), this::startWarmUp);
        awaitWarmUp(20_000);
        session.complete(s);
        log.debug("JShell ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      } catch (Throwable e) {
        log.error("JShell did not start", e);
        session.completeExceptionally(e);
      }
    }, "scalinglab-jshell-start");
    t.setDaemon(true);
    t.start();
  }

  private volatile Thread warmUp;

  /** Warms the library's rendering in parallel with JShell's start (see {@link LibraryWarmUp}). */
  private void startWarmUp(ClassLoader loader) {
    Thread t = new Thread(() -> LibraryWarmUp.run(loader, renderer), "scalinglab-warm-up");
    t.setDaemon(true);
    t.setContextClassLoader(loader);
    warmUp = t;
    t.start();
  }

  private void awaitWarmUp(long millis) {
    Thread t = warmUp;
    if (t != null) {
      try {
        t.join(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** For the start-up archive's training run: start JShell, evaluate and render a few cells. */
  void trainingCells() throws Exception {
    startSession(0);
    KernelSession s = session.get();
    for (String code : List.of("1 + 1", "int trainingValue = 3;\ntrainingValue * 2", "String.valueOf(trainingValue)")) {
      CellOutcome o = s.evaluator().evaluate(code, executionCount.incrementAndGet(), log.stream());
      if (o.hasValue()) {
        toDisplayData(renderer.render(o.value()));
      }
    }
    new CodeAssist(s.jshell().sourceCodeAnalysis()).complete("Math.ma", 7);
  }

  /** Interrupts the running cell (SIGINT and interrupt_request). */
  void interruptCell() {
    KernelSession s = session.getNow(null);
    if (s != null) {
      s.control().interruptRunning(INTERRUPT_GRACE_MILLIS);
    }
  }

  private void displayFromCell(Object value) {
    router.display(renderer.render(value));
  }

  // ------------------------------------------------------------------ handlers

  private <T> ShellHandler<T> safe(String name, ShellHandler<T> handler) {
    return (env, msg) -> {
      try {
        connected.await();
        handler.handle(env, msg);
      } catch (Throwable t) {
        log.error("handler " + name + " failed", t);
      }
    };
  }

  private void kernelInfo(ShellReplyEnvironment env, Message<?> msg) {
    env.setBusyDeferIdle();
    env.reply(new OkKernelInfoReply(Header.PROTOCOL_VERISON, IMPLEMENTATION, VERSION, languageInfo,
        "Java " + Runtime.version() + " (JShell) :: scalinglab kernel " + VERSION,
        List.of(new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/"))));
    firstKernelInfo.countDown();
  }

  private void execute(ShellReplyEnvironment env, Message<ExecuteRequest> msg) {
    ExecuteRequest req = msg.getContent();
    int count = req.isSilent() ? executionCount.get() : executionCount.incrementAndGet();
    env.setBusyDeferIdle();
    env.publish(new PublishExecuteInput(req.getCode(), count));
    router.beginCell(msg);
    CellOutcome outcome;
    try {
      KernelSession s = awaitSession();
      outcome = s.evaluator().evaluate(req.getCode(), count, router.err());
    } catch (ExecutionException e) {
      outcome = CellOutcome.failed(ErrorFormatter.internal("starting JShell", e.getCause()));
    } catch (Throwable t) {
      outcome = CellOutcome.failed(ErrorFormatter.internal("running the cell", t));
    }
    router.endCell(10_000);
    if (outcome.hasValue() && !req.isSilent()) {
      try {
        env.publish(new PublishExecuteResult(count, toDisplayData(renderer.render(outcome.value()))));
      } catch (Throwable t) {
        log.error("could not send the result", t);
      }
    }
    ErrorReport error = outcome.error();
    if (error == null) {
      env.reply(new ExecuteReply(count, Map.of()));
    } else {
      env.publish(new PublishError(error.ename(), error.evalue(), error.traceback()));
      ErrorReply reply = new ErrorReply(error.ename(), error.evalue(), error.traceback());
      reply.setExecutionCount(count);
      env.replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
    }
  }

  private KernelSession awaitSession() throws ExecutionException, InterruptedException {
    return session.get();
  }

  private KernelSession sessionWithin(long millis) {
    try {
      return session.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void complete(ShellReplyEnvironment env, Message<CompleteRequest> msg) {
    env.setBusyDeferIdle();
    CompleteRequest req = msg.getContent();
    KernelSession s = sessionWithin(5000);
    if (s == null) {
      env.reply(new CompleteReply(List.of(), req.getCursorPos(), req.getCursorPos(), Map.of()));
      return;
    }
    CodeAssist.Completion c = new CodeAssist(s.jshell().sourceCodeAnalysis()).complete(req.getCode(), req.getCursorPos());
    env.reply(new CompleteReply(c.matches(), c.start(), c.end(), Map.of()));
  }

  private void isComplete(ShellReplyEnvironment env, Message<IsCompleteRequest> msg) {
    env.setBusyDeferIdle();
    KernelSession s = sessionWithin(5000);
    if (s == null) {
      env.reply(IsCompleteReply.UNKNOWN);
      return;
    }
    CodeAssist.Completeness2 c = new CodeAssist(s.jshell().sourceCodeAnalysis()).isComplete(msg.getContent().getCode());
    env.reply(switch (c.status()) {
      case "complete" -> IsCompleteReply.VALID_CODE;
      case "invalid" -> IsCompleteReply.INVALID_CODE;
      case "incomplete" -> IsCompleteReply.getIncompleteReplyWithIndent(c.indent());
      default -> IsCompleteReply.UNKNOWN;
    });
  }

  private void inspect(ShellReplyEnvironment env, Message<InspectRequest> msg) {
    env.setBusyDeferIdle();
    InspectRequest req = msg.getContent();
    KernelSession s = sessionWithin(5000);
    String text = s == null ? ""
        : new CodeAssist(s.jshell().sourceCodeAnalysis()).inspect(req.getCode(), req.getCursorPos(), req.getDetailLevel() > 0);
    DisplayData data = new DisplayData();
    if (!text.isEmpty()) {
      data.putText(text);
    }
    env.reply(new InspectReply(!text.isEmpty(), data));
  }

  private void interrupt(ShellReplyEnvironment env) {
    env.setBusyDeferIdle();
    interruptCell();
    env.reply(new InterruptReply());
  }

  private void shutdown(ShellReplyEnvironment env, Message<ShutdownRequest> msg) {
    ShutdownRequest req = msg.getContent();
    env.setStatusBusy();
    env.reply(req.isRestart() ? ShutdownReply.SHUTDOWN_AND_RESTART : ShutdownReply.SHUTDOWN);
    env.setStatusIdle();
    router.awaitSent(500);
    env.markForShutdown(); // the channel closes the connection after this handler returns
    KernelMain.exitSoon(150);
  }

  /**
   * kernel_info_reply with {@code "status": "ok"}, which message spec 5.x requires of every reply
   * and jjava-jupyter's class leaves out (Gson writes this subclass's field with the others).
   */
  static final class OkKernelInfoReply extends KernelInfoReply {
    @SuppressWarnings("unused")
    private final String status = "ok";

    OkKernelInfoReply(String protocolVersion, String implementationName, String implementationVersion,
        LanguageInfo langInfo, String banner, List<HelpLink> helpLinks) {
      super(protocolVersion, implementationName, implementationVersion, langInfo, banner, helpLinks);
    }
  }

  /** history_reply: no history is kept (the spec allows an empty list), with its {@code "status": "ok"}. */
  static final class OkHistoryReply extends HistoryReply {
    @SuppressWarnings("unused")
    private final String status = "ok";

    OkHistoryReply() {
      super(List.of());
    }
  }

  static DisplayData toDisplayData(MimeBundle bundle) {
    DisplayData d = new DisplayData();
    bundle.data().forEach(d::putData);
    return d;
  }

  /** Sends routed output and mid-cell displays on IOPub with the cell's request as parent. */
  private static final class IopubSink implements OutputRouter.Sink {
    private final IOPubChannel iopub;
    private final KernelLog log;

    IopubSink(IOPubChannel iopub, KernelLog log) {
      this.iopub = iopub;
      this.log = log;
    }

    @Override
    public void stream(Object context, boolean stderr, String text) {
      if (!(context instanceof MessageContext ctx)) {
        log.stream().print(text); // before the first cell: the kernel's console, not a notebook
        return;
      }
      PublishStream content = new PublishStream(stderr ? PublishStream.StreamType.ERR : PublishStream.StreamType.OUT, text);
      iopub.sendMessage(new Message<>(ctx, PublishStream.MESSAGE_TYPE, content));
    }

    @Override
    public void display(Object context, MimeBundle bundle) {
      if (!(context instanceof MessageContext ctx)) {
        log.stream().println(bundle.get("text/plain"));
        return;
      }
      iopub.sendMessage(new Message<>(ctx, PublishDisplayData.MESSAGE_TYPE, new PublishDisplayData(toDisplayData(bundle))));
    }
  }
}
