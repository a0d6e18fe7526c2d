import { LoginForm } from "./login-form";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an absolute callbackUrl could send a fresh session to another site.
  const target = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/leads";
  return (
    <main className="login card">
      <h1>Sign in to Spara</h1>
      <LoginForm callbackUrl={target} />
    </main>
  );
}
