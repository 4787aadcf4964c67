import { useState } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { publicAuthApi } from '../api/http';
import { problemMessage } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useI18n();
  const { signedIn, signIn } = useAuth();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (signedIn) return <Navigate to={from} replace />;

  const onFinish = async (values: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      const { data, error: problem } = await publicAuthApi.POST('/api/auth/v1/login', { body: values });
      if (data) {
        signIn(data); // re-renders into the <Navigate> above
      } else {
        // The API's detail is Chinese and says what to do (wrong password, locked, rate limited).
        setError(problemMessage(problem) ?? t('login.failed'));
      }
    } catch {
      setError(t('login.network'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <Typography.Title level={3} className="login-title">
          {t('app.title')}
        </Typography.Title>
        {error && <Alert type="error" showIcon message={error} className="login-error" role="alert" />}
        <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={submitting}>
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
