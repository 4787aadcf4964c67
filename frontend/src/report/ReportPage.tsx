/** The complaint form arrives with the feedback module; until then the page says so and points to 12345. */
export function ReportPage() {
  return (
    <main className="report">
      <header className="report-header">
        <p className="report-org">营商环境改革推进平台</p>
        <h1>企业诉求在线反映</h1>
      </header>
      <section className="report-notice" role="status">
        <p className="report-notice-title">表单建设中，紧急诉求请拨打 12345</p>
        <p>在线提交、进度查询和办理评价将随企业诉求模块开通。</p>
        <a className="report-call" href="tel:12345">
          拨打 12345 热线
        </a>
      </section>
    </main>
  );
}
